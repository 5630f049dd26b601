/**
 * Optional peer dependencies of the commands (the AWS SDK for `--store dynamodb`, ...): loaded
 * only on the path that needs them, and when one is not installed the command says so in one
 * line naming the package, instead of Node's stack trace (README, "Install").
 */

/** A package the requested feature needs is not installed; main.ts prints the message and exits 1. */
export class MissingPeerError extends Error {
  readonly exitCode = 1;
  constructor(
    readonly packageName: string,
    feature: string,
  ) {
    super(`${feature} needs the package ${packageName}, which is not installed: npm install ${packageName}`);
    this.name = 'MissingPeerError';
  }
}

/**
 * `load()` (a dynamic import of a module that imports `packageName`), or MissingPeerError when
 * that package is what could not be found. Any other failure is rethrown as it is.
 */
export async function loadOptionalPeer<T>(load: () => Promise<T>, packageName: string, feature: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, packageName)) throw new MissingPeerError(packageName, feature);
    throw error;
  }
}

function isMissing(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${packageName}'`);
}
