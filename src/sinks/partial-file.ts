/**
 * A file written atomically: bytes go to `<name>.partial` and the file takes its real name only on
 * commit, so a killed run never leaves half of one behind. Writes are synchronous, so that `bytes`
 * is exactly what the file holds: a checkpoint can record it, and a resumed run can cut the file
 * back to it. Subclasses decide how they buffer.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, truncateSync, writeSync } from "node:fs";

export abstract class PartialFile {
  readonly path: string;
  protected readonly partial: string;
  private fd: number | null;
  /** Bytes handed to the operating system so far. */
  bytes: number;

  /** Opens `<path>.partial`: fresh, or (resuming) cut back to `resumeAt` bytes and appended to. */
  constructor(path: string, resumeAt: number | null = null) {
    this.path = path;
    this.partial = `${path}.partial`;
    if (resumeAt === null) {
      this.fd = openSync(this.partial, "w");
      this.bytes = 0;
    } else {
      truncateSync(this.partial, resumeAt);
      this.fd = openSync(this.partial, "a");
      this.bytes = resumeAt;
    }
  }

  /** Writes whatever the subclass holds in memory. */
  abstract flush(): void;

  protected writeOut(data: Uint8Array): void {
    if (this.fd === null) return;
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off);
    this.bytes += data.length;
  }

  /** Flushes, syncs (when the file must survive a crash of the machine) and gives the file its name. */
  commit(sync = true): void {
    this.flush();
    if (this.fd !== null) {
      if (sync) fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = null;
    }
    renameSync(this.partial, this.path);
  }

  /** Closes without committing: the partial file stays (for a resume), or is removed. */
  close(remove = false): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    if (remove) rmSync(this.partial, { force: true });
  }
}
