// A drop as Chromium dispatches one on a dropzone: dragenter, dragover and drop, carrying the
// files in one DataTransfer.
export function dropFiles(target: Element, ...files: File[]): void {
  const data = new DataTransfer()
  for (const file of files) data.items.add(file)
  for (const type of ['dragenter', 'dragover', 'drop']) {
    target.dispatchEvent(
      new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }),
    )
  }
}
