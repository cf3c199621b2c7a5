// Validation: `validateFiles` over 10 000 File objects with a mix of good and bad names, types
// and sizes, the way a big drop of files would arrive.
import { CONNECT_DEFAULT_LIMITS, validateFiles } from '../src/core/index.js'
import { median, round, type BenchRow } from './bench-row.js'

const FILES = 10_000
const WARM_UPS = 3
const RUNS = 15
// Room for half of them, so the count check turns files away too.
const rules = { ...CONNECT_DEFAULT_LIMITS, maxFiles: FILES / 2 }

/** Name, MIME type and size of each kind of file, most of them accepted. */
const kinds: readonly (readonly [string, string, number])[] = [
  ['report.pdf', 'application/pdf', 1000],
  ['Photo From Phone.JPG', '', 2000],
  ['notes.txt', 'text/plain', 10],
  ['table.csv', '', 300],
  ['clip.mov', 'video/quicktime', 5000],
  ['sheet.xlsx', '', 100],
  ['archive.zip', 'application/zip', 500],
  ['empty.docx', '', 0],
  ['invoice\u202Efdp.exe', '', 10],
  [`${'long-name-'.repeat(30)}.png`, 'image/png', 10],
]

function mixedFiles(): File[] {
  // One shared 21 MiB blob: a File built from it refers to its bytes rather than copying them.
  const tooLarge = new Blob([new Uint8Array(21 * 1024 * 1024)])
  const bytes = new Uint8Array(5000)
  return Array.from({ length: FILES }, (_, i) => {
    if (i % 500 === 499) return new File([tooLarge], `scan-${i}.pdf`, { type: 'application/pdf' })
    const [name, type, size] = kinds[i % kinds.length] ?? kinds[0]!
    return new File([bytes.subarray(0, size)], `${i}-${name}`, { type })
  })
}

/** Times `validateFiles` over the files, after a few warm-up passes. */
export async function run(): Promise<BenchRow[]> {
  const files = mixedFiles()
  const timings: number[] = []
  let outcome = validateFiles(files, rules)
  for (let i = 0; i < WARM_UPS + RUNS; i += 1) {
    const started = performance.now()
    outcome = validateFiles(files, rules)
    if (i >= WARM_UPS) timings.push(performance.now() - started)
  }
  const perThousand = (ms: number) => round((ms / FILES) * 1000, 3)
  const name = (figure: string) => `validation: ${figure}`
  const counts = `${outcome.accepted.length} accepted, ${outcome.rejections.length} rejected`
  return [
    {
      name: name('median'),
      figure: perThousand(median(timings)),
      unit: 'ms/1000 files',
      meaning: `${FILES.toLocaleString('en-US')} mixed files, median of ${RUNS} runs; ${counts}`,
    },
    {
      name: name('best'),
      figure: perThousand(Math.min(...timings)),
      unit: 'ms/1000 files',
      meaning: `fastest of the ${RUNS} runs`,
    },
  ]
}
