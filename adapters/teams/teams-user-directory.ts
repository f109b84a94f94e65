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
        // Not being in one team's roster says nothing about another's.
        const missKey = `${rosterId}|${key}`;
        if ((this.missed.get(missKey) ?? 0) > now) return undefined;
        try {
          const member = await TeamsInfo.getTeamMember(context, rosterId, aadObjectId);
          if (member?.id) {
            this.known.set(key, member.id);
            return member.id;
          }
          this.missed.set(missKey, now + missRetryMs);
        } catch (error) {
          // Only "not a member" is remembered; throttling or an outage is asked again next time.
          if ((error as { statusCode?: unknown }).statusCode === 404)
            this.missed.set(missKey, now + missRetryMs);
          onError(error);
        }
        return undefined;
      }),
    );
    return ids.filter((id): id is string => id !== undefined);
  }
}
