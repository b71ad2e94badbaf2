import { pgTable, uuid, text, integer, timestamp, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The outbox of reminders: in-app messages to workers and SMS to persons who consented (P2).
 * `dedupe_key` is unique, so a message is enqueued once whatever reruns; a send claims its row
 * under a row lock, so it is sent once.
 */
export const reminderMessages = pgTable(
  'reminder_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel', { enum: ['in_app', 'sms'] }).notNull(),
    recipientUserId: uuid('recipient_user_id'),
    recipientPersonId: uuid('recipient_person_id'),
    /** The person the message is about, if any (never shown in an SMS). */
    personId: uuid('person_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'cancelled'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    details: jsonb('details'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('reminder_messages_dedupe_idx').on(t.dedupeKey),
    index('reminder_messages_due_idx').on(t.status, t.nextAttemptAt),
    index('reminder_messages_inbox_idx').on(t.recipientUserId, t.createdAt),
  ],
);
