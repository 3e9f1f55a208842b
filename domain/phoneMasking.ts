/** Keeps the last 4 digits so an operator can tell numbers apart without seeing them. */
export function maskPhoneNumber(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const prefix = phone.startsWith('+') ? '+' : '';
  return `${prefix}${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
