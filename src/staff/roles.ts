export const ROLES = {
  admin: 'Quản trị',
  editor: 'Biên tập tin',
  approver: 'Duyệt tin',
  desk: 'Bộ phận Một cửa',
  /** The commune's leaders: they receive complaints about the staff, which the desk must not see. */
  leader: 'Lãnh đạo UBND xã',
  /** Province level: manages communes and the province layer, sees roll-up reports; belongs to no commune. */
  province_admin: 'Quản trị cấp tỉnh',
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_IDS = Object.keys(ROLES) as [Role, ...Role[]];

export function parseRoles(value: string): Role[] {
  return value.split(',').filter((r): r is Role => r in ROLES);
}

/** The signed-in staff member, as handlers see them. */
export interface StaffPrincipal {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** The commune the account belongs to; null for province-level accounts (province_admin). */
  communeId: string | null;
  csrfToken: string;
  sessionId: string;
}

/** Province admins act across communes; everyone else only within their own. */
export function isProvinceAdmin(staff: { roles: readonly Role[] }): boolean {
  return staff.roles.includes('province_admin');
}
