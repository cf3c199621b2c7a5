// Setup of the React test projects: unmount what each test rendered (vitest's globals are off,
// so @testing-library/react cannot register its own cleanup).
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

afterEach(cleanup)
