// A team's scenario clock from what the exercise says about it, as the server computes it:
// real time since the start less the pauses, times the speed.
import type { Team } from './types';

export function scenarioMillis(team: Pick<Team, 'startedAt' | 'pausedAt' | 'pausedMillis'>, speed: number, now: number): number | null {
  if (!team.startedAt) return null;
  const start = Date.parse(team.startedAt);
  const end = team.pausedAt ? Date.parse(team.pausedAt) : now;
  return Math.max(0, end - start - (team.pausedMillis || 0)) * speed;
}
