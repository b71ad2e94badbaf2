import type { z } from 'zod';
import type { messageList, messageView } from '../../core/contracts/supervision';
import { api } from './client';

export type MessageView = z.infer<typeof messageView>;
export type MessageList = z.infer<typeof messageList>;

export const messagesApi = {
  list: (q: { unread?: boolean; limit?: number } = {}) => api.get<MessageList>('/messages', q),
  markRead: (id: string) => api.post<MessageView>(`/messages/${id}/read`),
};

export const messageKeys = {
  inbox: ['messages'] as const,
};
