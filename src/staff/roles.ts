export const ROLES = {
  admin: 'Quản trị',
  editor: 'Biên tập tin',
  approver: 'Duyệt tin',
  desk: 'Bộ phận Một cửa',
  /** The commune's leaders: they receive complaints about the staff, which the desk must not see. */
  leader: 'Lãnh đạo UBND xã',
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
  csrfToken: string;
  sessionId: string;
}
