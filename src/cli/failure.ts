/**
 * An expected unsuccessful end of a command (a claim failed, training diverged): printed without a stack
 * trace and mapped to an exit code. Bad input is reported through the errors of src/errors.ts instead.
 */
export class CommandFailure extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CommandFailure';
    this.exitCode = exitCode;
  }
}
