import { cp949ByteLength, domesticBalancePositionFields } from '@kisfo/protocol';

/**
 * Bytes a product name may take: KIS's balance inquiry prints it in `prdt_name`, 60 bytes of
 * CP949 (a Hangul syllable takes two). A longer name could not be encoded, and every balance
 * inquiry of an account holding the product would answer `EGW00002`.
 */
export const PRODUCT_NAME_BYTES = domesticBalancePositionFields.find(
  (f) => f.name === 'prdt_name',
)!.length;

/**
 * Why `name` cannot be a domestic product's name on the wire, or `undefined` when it fits.
 *
 * @example
 * ```ts
 * productNameProblem('SK하이닉스 F 202603'); // undefined
 * productNameProblem('가'.repeat(31)); // "62 bytes in CP949; prdt_name holds 60"
 * ```
 */
export function productNameProblem(name: string): string | undefined {
  const bytes = cp949ByteLength(name);
  if (bytes <= PRODUCT_NAME_BYTES) return undefined;
  return `${bytes} bytes in CP949; prdt_name holds ${PRODUCT_NAME_BYTES}`;
}
