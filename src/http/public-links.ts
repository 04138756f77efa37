/** Public page of one procedure, readable in any browser (and linked from Zalo answers). */
export function procedurePageUrl(publicBaseUrl: string, id: string): string {
  return `${publicBaseUrl}/thu-tuc/${encodeURIComponent(id)}`;
}

/** A commune's own page of one procedure (its province's fees, its hotline). */
export function communeProcedurePageUrl(publicBaseUrl: string, communeId: string, id: string): string {
  return `${publicBaseUrl}/c/${encodeURIComponent(communeId)}/thu-tuc/${encodeURIComponent(id)}`;
}
