// KIS master files (종목코드 마스터): streaming CP949 parsers, the KRX product-rule table, and the
// master that makes their products resolve in the engines.

export {
  type OverseasMasterProduct,
  overseasProductsFromFfcode,
  withFfcodeProducts,
} from './ffcode.js';
export {
  decodeCp949,
  encodeCp949,
  type KisMasterLine,
  kisMasterLines,
} from './kis-master-lines.js';
export {
  KIS_MASTER_FILES,
  type KisDomesticMasterRow,
  type KisMasterFile,
  KisMasterParseError,
  type KisMasterRow,
  type KisOverseasMasterRow,
  kisMasterFileOf,
  parseKisMaster,
  parseKisMasterLine,
  parseKisMasterText,
} from './kis-master-parse.js';
export { KrxMaster, KrxMasterError } from './krx-master.js';
export {
  KRX_PRODUCT_RULES,
  type KrxProductRule,
  krxKindOfProductCode,
} from './krx-product-rules.js';
