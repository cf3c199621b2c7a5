// Files for the stories: small, with sizes that validation reads, and DOM events that carry them.
const MB = 1024 * 1024

/** A file of `size` bytes; sizes past 1 MB are declared, not allocated, as validation reads `size`. */
export function storyFile(name: string, size = 2048, type = ''): File {
  const file = new File([new Uint8Array(Math.min(size, MB))], name, { type })
  if (size > MB) Object.defineProperty(file, 'size', { value: size })
  return file
}

/** Files that validation turns away, one for each reason. */
export const rejectedFiles = (): File[] => [
  storyFile('installer.exe', 4096),
  storyFile('empty-notes.txt', 0),
  storyFile('raw-footage.mov', 250 * MB),
  storyFile('report\u0007.pdf', 4096),
]

/** A `DataTransfer` holding `files`, as a drop or a paste carries it. */
function transferOf(files: File[]): DataTransfer {
  const transfer = new DataTransfer()
  for (const file of files) transfer.items.add(file)
  return transfer
}

const drag = (target: Element, types: string[], files: File[]) => {
  const dataTransfer = transferOf(files)
  for (const type of types) {
    target.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true }))
  }
}

/** Drags `files` over `target` and holds them there. */
export const dragOver = (target: Element, files: File[]): void =>
  drag(target, ['dragenter', 'dragover'], files)

/**
 * Drags `files` over `target` and drops them, as a browser does: the drop comes a task after
 * the drag reached the target. react-dropzone reads a dragenter's files asynchronously; a drop
 * in the same task is handled first, and the late dragenter then leaves it in its dragging look.
 */
export async function dropFiles(target: Element, files: File[]): Promise<void> {
  drag(target, ['dragenter', 'dragover'], files)
  await new Promise((resolve) => setTimeout(resolve, 0))
  drag(target, ['drop'], files)
}

/** Drops `files` that are already being dragged over `target`. */
export const dropHeld = (target: Element, files: File[]): void => drag(target, ['drop'], files)

/** Pastes `files` into `target`, as a browser does for a copied screenshot. */
export function pasteFiles(target: Element, files: File[]): void {
  const clipboardData = transferOf(files)
  target.dispatchEvent(
    new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }),
  )
}
