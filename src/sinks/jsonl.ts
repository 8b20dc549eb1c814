/**
 * A JSON Lines file written atomically: lines go to `<name>.partial` and the file takes its real
 * name only when the run commits, so a killed run never leaves a half-written output behind.
 */
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";

export class JsonlSink {
  readonly path: string;
  private readonly partial: string;
  private readonly stream: WriteStream;
  private failed: Error | null = null;
  count = 0;

  constructor(path: string) {
    this.path = path;
    this.partial = `${path}.partial`;
    this.stream = createWriteStream(this.partial, { flags: "w" });
    this.stream.on("error", (error) => {
      this.failed = error;
    });
  }

  /** Writes one record; waits when the disk is slower than the pipeline. */
  async write(record: unknown): Promise<void> {
    if (this.failed) throw this.failed;
    this.count++;
    if (!this.stream.write(`${JSON.stringify(record)}\n`)) await once(this.stream, "drain");
  }

  /** Flushes and gives the file its final name. */
  async commit(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    if (this.failed) throw this.failed;
    await rename(this.partial, this.path);
  }

  /** Drops what was written (after a failure). */
  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.partial, { force: true });
  }
}
