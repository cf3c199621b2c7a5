// connect-attachments/messages/de: a complete German catalog, numbers included, for
// <AttachmentsProvider messages={messagesDe}> (add `locale="de-CH"` for another region's formats).
import type { Formatters } from './format.js'
import type { Messages } from './messages.js'

// German has two plural forms, `one` and `other`; the locale's rules pick one.
const plural = (format: Formatters, count: number, one: string, other: string): string =>
  `${format.number(count)} ${format.plural(count) === 'one' ? one : other}`

const dateien = (format: Formatters, count: number): string =>
  plural(format, count, 'Datei', 'Dateien')

/** Every message in German (Sie-Form). */
export const messagesDe: Messages = {
  locale: 'de',
  errors: {
    'quota-exceeded': 'Hier können keine weiteren Dateien angehängt werden.',
    'invalid-request': 'Der Dienst hat {name} nicht angenommen.',
    'access-denied': 'Dafür fehlt die Berechtigung. Die Sitzung ist vielleicht abgelaufen.',
    conflict: 'Die Datei wurde inzwischen geändert. Bitte erneut versuchen.',
    'not-found': 'Die Datei gibt es nicht mehr.',
    throttled: 'Der Dienst ist ausgelastet. Bitte gleich erneut versuchen.',
    server: 'Beim Dienst ist ein Fehler aufgetreten. Bitte erneut versuchen.',
    network: 'Die Verbindung wurde unterbrochen.',
    timeout: 'Die Verbindung antwortet nicht mehr.',
    'url-expired': 'Der Upload-Link ist abgelaufen. Bitte erneut versuchen.',
    'signature-mismatch': 'Der Speicherdienst hat den Upload abgelehnt.',
    rejected: 'Der Virenscan hat {name} blockiert.',
    aborted: 'Abgebrochen.',
    'invalid-response': 'Die Antwort des Dienstes war nicht lesbar.',
    'invalid-url': 'Der Download-Link ist nicht sicher.',
    unexpected: 'Etwas ist schiefgegangen.',
    'file-too-large': '{name} ist größer als {maxSize}.',
    'file-empty': '{name} ist leer.',
    'file-type-not-allowed':
      '{name} hat einen Dateityp, der nicht angehängt werden kann ({allowed}).',
    'too-many-files': ({ maxFiles }, format) =>
      `Es können höchstens ${dateien(format, maxFiles)} angehängt werden.`,
    'file-name-invalid':
      'Der Name von {name} muss 1 bis {maxNameLength} Zeichen lang sein, ohne Steuerzeichen.',
  },
  uploadStatus: {
    queued: 'Wartet',
    starting: 'Startet',
    uploading: 'Wird hochgeladen',
    completing: 'Wird abgeschlossen',
    succeeded: 'Hochgeladen',
    failed: 'Fehlgeschlagen',
    canceled: 'Abgebrochen',
  },
  uploadRetrying: 'Neuer Versuch in {seconds}',
  uploadOffline: 'Wartet auf das Netzwerk',
  fileStatus: {
    loading: 'Wird geladen…',
    processing: 'Wird auf Viren geprüft…',
    approved: 'Bereit',
    rejected: 'Vom Virenscan blockiert',
    failed: 'Konnte nicht geprüft werden',
    error: 'Nicht verfügbar',
  },
  fileKinds: {
    pdf: 'PDF',
    word: 'Word',
    spreadsheet: 'Tabellen',
    presentation: 'Präsentationen',
    text: 'Text',
    image: 'Bilder',
    video: 'Videos',
    audio: 'Audio',
  },
  otherFileKind: '{extension}',
  progress: '{percent}, {loaded} von {total}',
  progressFinishing: '{total} gesendet, wird abgeschlossen',
  uploadListLabel: 'Dateien, die angehängt werden',
  uploadListEmpty: 'Es werden keine Dateien angehängt',
  totalsFiles: ({ done, count }, format) =>
    `${format.number(done)} von ${dateien(format, count)} hochgeladen`,
  totalsFailed: '{count} fehlgeschlagen',
  uploadsMore: ({ count }, format) =>
    `${format.number(count)} weitere ${format.plural(count) === 'one' ? 'Datei' : 'Dateien'}`,
  showMoreUploads: 'Mehr anzeigen',
  limits: ({ kinds, maxSize, maxFiles }, format) =>
    `${kinds}; bis ${maxSize} pro Datei${Number.isFinite(maxFiles) ? `, ${dateien(format, maxFiles)}` : ''}`,
  dropzoneLabel: 'Dateien anhängen',
  dropzoneHint: 'Dateien hierher ziehen oder klicken, um sie auszuwählen',
  dropzoneActive: 'Zum Anhängen loslassen',
  attachButton: 'Datei anhängen',
  cancelUpload: 'Upload von {name} abbrechen',
  retryUpload: 'Upload von {name} wiederholen',
  addUploadAgain: '{name} erneut hinzufügen',
  removeUpload: '{name} entfernen',
  downloadFile: '{name} herunterladen',
  deleteFile: '{name} löschen',
  deleteConfirm: '{name} löschen? Das lässt sich nicht rückgängig machen.',
  deleteConfirmYes: 'Löschen',
  deleteConfirmNo: 'Behalten',
  downloadAction: 'Herunterladen',
  deleteAction: 'Löschen',
  retryAction: 'Erneut versuchen',
  retryFile: 'Erneut versuchen, {name} abzurufen',
  unnamedFile: 'Anhang',
  fileDeleted: '{name} gelöscht',
  createdBy: 'Hinzugefügt von {name}',
  fileDetails: '{size}, {kind}',
  rejectionsTitle: ({ count }, format) =>
    `${dateien(format, count)} ${format.plural(count) === 'one' ? 'konnte' : 'konnten'} nicht angehängt werden`,
  rejectionsMore: ({ count }, format) => `und ${format.number(count)} weitere`,
  rejectionsShared: ({ count }, format) => `(${dateien(format, count)})`,
  dismissRejections: 'Schließen',
  announceAdded: ({ count, name }, format) =>
    count === 1 ? `${name} hinzugefügt` : `${dateien(format, count)} hinzugefügt`,
  announceFinished: '{name} hochgeladen',
  announceFailed: '{name} fehlgeschlagen: {reason}',
  announceRetrying: 'Neuer Versuch für {name} in {seconds}',
  announceCanceled: 'Upload von {name} abgebrochen',
}
