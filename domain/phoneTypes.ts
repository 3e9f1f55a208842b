/** Phone types a contact can have, in the default order they are tried. No dependencies: workflow-safe. */
export const PHONE_TYPES = ['mobile', 'business', 'home'] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];
