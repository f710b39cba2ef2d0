// Escaping text for the printable HTML documents (purchase orders, sales order confirmations).
export const escapeHtml = (text: unknown): string =>
  String(text ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
