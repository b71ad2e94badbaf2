import type { DocumentKind } from '../contracts/documents';
import type { CodeList } from './types';

export const documentLabels = {
  documentKind: {
    decision: ['决定书', 'Decision'],
    agreement: ['协议', 'Agreement'],
    release_notice: ['解除通知书', 'Release notice'],
    warning_letter: ['告诫书', 'Warning letter'],
    handover_receipt: ['交接回执', 'Handover receipt'],
    report_receipt: ['报到回执', 'Report receipt'],
    other: ['其他文书', 'Other document'],
  } satisfies CodeList<DocumentKind>,

  /** The structured fields of the kinds (core/contracts/documents.ts `documentFields`). */
  documentField: {
    documentNumber: ['文号', 'Number'],
    issuedOn: ['签发日期', 'Issued on'],
    issuingAuthority: ['签发机关', 'Issued by'],
    signedOn: ['签订日期', 'Signed on'],
    parties: ['签订各方', 'Parties'],
    reason: ['事由', 'Reason'],
    handedOverOn: ['交接日期', 'Handed over on'],
    fromUnit: ['移交单位', 'From'],
    toUnit: ['接收单位', 'To'],
    reportedOn: ['报到日期', 'Reported on'],
    receivedBy: ['接收人', 'Received by'],
    description: ['说明', 'Description'],
  } satisfies CodeList,
};
