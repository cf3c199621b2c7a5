// connect-attachments/cases: Connect attached files (Cases, Email, Tasks) over a `send` function,
// plus the server-side handler that relays the operations for agent panes without credentials.
export {
  createAttachedFilesHandler,
  type AttachedFilesHandlerOptions,
  type AuthorizeDetails,
  type PerRequest,
} from './attached-files-handler.js'
export type { AttachedFileError } from './attached-file-calls.js'
export {
  ATTACHED_FILE_LIMITS,
  ATTACHED_FILES_OPERATIONS,
  createCasesAdapter,
  type AttachedFilesOperation,
  type CasesAdapter,
  type CasesAdapterOptions,
  type CreatedBy,
  type SendAttachedFiles,
} from './cases-adapter.js'
export { sendViaConnectClient, type ConnectClientLike } from './send-via-connect-client.js'
export { sendViaHttpBackend, type HttpBackendInit } from './send-via-http-backend.js'
