// connect-attachments/participant: chat attachments over the Participant Service, with `fetch`
// only (no AWS SDK), small enough for a customer chat widget.
export { CHAT_LIMITS } from './chat-limits.js'
export {
  parseAttachmentItem,
  parseAttachments,
  type AttachmentItemWire,
  type ChatAttachment,
} from './parse-attachment-item.js'
export {
  createParticipantAdapter,
  type ParticipantAdapter,
  type ParticipantAdapterOptions,
  type ParticipantServiceOptions,
} from './participant-adapter.js'
export {
  participantAdapterFromChatSession,
  type ChatSessionAdapterOptions,
  type ChatSessionLike,
} from './participant-adapter-from-chat-session.js'
export type { ParticipantServiceError } from './service-error.js'
