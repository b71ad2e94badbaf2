// The contracts the transfer pages read (issue 14), gathered for web/api/transfers.ts.
export { handoverList, streetList, transferList, type HandoverView, type TransferView } from '../../core/contracts/transfers';
export { recordList as recordListShape } from '../../core/contracts/supervision';
