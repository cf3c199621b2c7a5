// connect-attachments/participant: chat attachments over the Participant Service, with `fetch`
// only (no AWS SDK), small enough for a customer chat widget.
export {
  parseAttachmentItem,
  parseAttachments,
  type AttachmentItemWire,
  type ChatAttachment,
} from './parse-attachment-item.js'
export {
  CHAT_LIMITS,
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
export type { ParticipantServiceError } from './participant-client.js'
