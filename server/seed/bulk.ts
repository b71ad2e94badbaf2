// The generator's bulk insert is the database layer's (server/db/bulk.ts), shared with the ledger import.
export { insertJson } from '../db/bulk';
