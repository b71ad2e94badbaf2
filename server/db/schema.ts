// Every module's tables, gathered for drizzle-kit and the typed client. Each module owns its own.
export * from '../modules/org/schema';
export * from '../modules/users/schema';
export * from '../modules/sessions/schema';
export * from '../modules/audit/schema';
export * from '../modules/dictionaries/schema';
export * from '../modules/persons/schema';
export * from '../modules/measures/schema';
export * from '../modules/documents/schema';
export * from '../modules/ledger/schema';
export * from '../modules/system/schema';
export * from '../modules/policy/schema';
export * from '../modules/supervision/schema';
export * from '../modules/reminders/schema';
export * from '../modules/prevention/schema';
export * from '../modules/assistance/schema';
export * from '../modules/governance-ops/schema';
