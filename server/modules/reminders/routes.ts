import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../core/contracts/common';
import { messageList, messageListQuery, messageView } from '../../../core/contracts/supervision';
import { actorContext } from '../../http/auth-hook';
import type { ReminderService } from './service';

export function reminderRoutes(app: FastifyInstance, reminders: ReminderService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reminders'];

  r.get('/api/messages', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: { tags, summary: 'My in-app messages (reminders of tasks due, notices raised), newest first', querystring: messageListQuery, response: { 200: messageList } },
    handler: (req) => reminders.inbox(actorContext(req), req.query),
  });

  r.post('/api/messages/:id/read', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: { tags, summary: 'Mark one of my messages read', params: idParams, response: { 200: messageView } },
    handler: (req) => reminders.markRead(actorContext(req), req.params.id),
  });
}
