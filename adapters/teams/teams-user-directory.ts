import { type Activity, TeamsInfo, type TurnContext } from 'botbuilder';

/** A look-up Teams could not answer is not retried for this long. */
const missRetryMs = 10 * 60_000;

/**
 * Teams user ids (`29:...`) by Entra object id. Cards name their per-viewer audience in Teams ids,
 * the policy names people by Entra object id. Everyone who writes to the bot is learned from their
 * activity; anyone else is looked up once in the conversation's (or team's) roster.
 */
export class TeamsUserDirectory {
  private readonly known = new Map<string, string>();
  private readonly missed = new Map<string, number>();

  learn(activity: Partial<Activity>): void {
    const { aadObjectId, id } = activity.from ?? {};
    if (aadObjectId && id) this.known.set(aadObjectId.toLowerCase(), id);
  }

  /** The Teams ids of these people, in order, leaving out whoever the roster does not have. */
  async teamsIdsOf(
    aadObjectIds: readonly string[],
    context: TurnContext,
    rosterId: string,
    onError: (error: unknown) => void,
  ): Promise<string[]> {
    const now = Date.now();
    const ids = await Promise.all(
      aadObjectIds.map(async (aadObjectId) => {
        const key = aadObjectId.toLowerCase();
        const known = this.known.get(key);
        if (known) return known;
        if ((this.missed.get(key) ?? 0) > now) return undefined;
        try {
          const member = await TeamsInfo.getTeamMember(context, rosterId, aadObjectId);
          if (member?.id) {
            this.known.set(key, member.id);
            return member.id;
          }
        } catch (error) {
          onError(error);
        }
        this.missed.set(key, now + missRetryMs);
        return undefined;
      }),
    );
    return ids.filter((id): id is string => id !== undefined);
  }
}
