// Every module's tables, gathered for drizzle-kit and the typed client. Each module owns its own.
export * from '../modules/org/schema';
export * from '../modules/users/schema';
export * from '../modules/sessions/schema';
export * from '../modules/audit/schema';
