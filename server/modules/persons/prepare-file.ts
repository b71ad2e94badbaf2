// A new or re-imported file made ready to write, away from the database: checked
// (file-check.ts), encrypted and hashed (record.ts). Pure apart from the cipher, so the ledger
// import runs it in worker threads, one row at a time, on both cores (issue 11.4); the stored
// form is exactly the one the service writes.
import type { PersonInput } from '../../../core/contracts/persons';
import type { DataCipher } from '../../lib/data-key';
import { checkPersonInput, type CodeCheck } from './file-check';
import { idNumberHash, personColumns, type Identity } from './record';

export type FileColumns = ReturnType<typeof personColumns>;

/** What a checked file carries to the write: its columns, its identity and the input (to merge into a file on record). */
export interface PreparedFile {
  orgUnitId: string;
  idHash: string;
  identity: Identity;
  columns: FileColumns;
  input: PersonInput;
}

/** Checks and encrypts one file; throws the AppError of the first problem (as the service would). */
export function prepareFile(cipher: DataCipher, input: PersonInput, today: string, isCode: CodeCheck): PreparedFile {
  const identity = checkPersonInput(input, today, isCode);
  const columns = personColumns(cipher, input, identity);
  return { orgUnitId: input.orgUnitId, idHash: idNumberHash(cipher, identity.idType, identity.idNumber), identity, columns, input };
}
