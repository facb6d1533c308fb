import { z } from 'zod';
import type { AppOctokit } from './octokit.js';

const GhApp = z.object({ slug: z.string().min(1) });

/**
 * The App's own identity (`GET /app`, which needs the App's JWT, not an installation token),
 * asked once per process. Used only to recognise the App's own pushes and comments: permissions
 * are never decided by it.
 */
export class AppIdentity {
  private slugPromise: Promise<string> | undefined;

  constructor(private readonly appOctokit: () => Promise<AppOctokit>) {}

  slug(): Promise<string> {
    this.slugPromise ??= this.fetchSlug().catch((err: unknown) => {
      // Forget a failure so the next event asks again.
      this.slugPromise = undefined;
      throw err;
    });
    return this.slugPromise;
  }

  /** The login the App acts under in repositories: `<slug>[bot]`. */
  async botLogin(): Promise<string> {
    return `${await this.slug()}[bot]`;
  }

  private async fetchSlug(): Promise<string> {
    const octokit = await this.appOctokit();
    const { data } = await octokit.request('GET /app');
    return GhApp.parse(data).slug;
  }
}
