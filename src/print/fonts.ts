import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Be Vietnam Pro, a typeface drawn for Vietnamese (every tone mark placed by its designers, not
 * stacked by the renderer), from the @expo-google-fonts/be-vietnam-pro package: the Google Fonts
 * TTF files, under the SIL Open Font License 1.1 (the package's LICENSE_FONT). PDF files embed the
 * subset they use, which the OFL allows.
 */
const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'));

export const FONT_FILES = {
  regular: join(packageDir, '400Regular', 'BeVietnamPro_400Regular.ttf'),
  semibold: join(packageDir, '600SemiBold', 'BeVietnamPro_600SemiBold.ttf'),
  bold: join(packageDir, '700Bold', 'BeVietnamPro_700Bold.ttf'),
} as const;

export type FontName = keyof typeof FONT_FILES;

/** Where the font's licence text is, for the README and anyone who redistributes a PDF. */
export const FONT_LICENCE_FILE = join(packageDir, 'LICENSE_FONT');
