/** Public page of one procedure, readable in any browser (and linked from Zalo answers). */
export function procedurePageUrl(publicBaseUrl: string, id: string): string {
  return `${publicBaseUrl}/thu-tuc/${encodeURIComponent(id)}`;
}

/** A commune's own page of one procedure (its province's fees, its hotline). */
export function communeProcedurePageUrl(publicBaseUrl: string, communeId: string, id: string): string {
  return `${publicBaseUrl}/c/${encodeURIComponent(communeId)}/thu-tuc/${encodeURIComponent(id)}`;
}

/**
 * The procedure page a commune's residents are sent to (chat answers, QR codes of prints): the
 * commune's own page, whose fees and hotline are its own; the default commune keeps the old
 * unprefixed page (links already printed and sent keep working). `communeId` undefined: the default.
 */
export function procedurePageUrlIn(publicBaseUrl: string, communeId: string | undefined, id: string): string {
  return communeId ? communeProcedurePageUrl(publicBaseUrl, communeId, id) : procedurePageUrl(publicBaseUrl, id);
}
