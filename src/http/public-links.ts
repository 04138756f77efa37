/** Public page of one procedure, readable in any browser (and linked from Zalo answers). */
export function procedurePageUrl(publicBaseUrl: string, id: string): string {
  return `${publicBaseUrl}/thu-tuc/${encodeURIComponent(id)}`;
}
