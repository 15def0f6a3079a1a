/**
 * The name an upload is sent under: what the manager typed, keeping the file's own extension, since the hub
 * checks that the name, the declared type and the bytes agree (`媒体库.png`, not `媒体库`).
 */
export function uploadName(typed: string, fileName: string): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] ?? '';
  const name = typed.trim() || fileName;
  return ext && !name.toLowerCase().endsWith(ext.toLowerCase()) ? `${name}${ext}` : name;
}
