/** An ISO 8601 duration as Azure Backup writes job durations: `PT0S`, `PT9.878S`, `PT1H2M3.5S`. */
export function formatIsoDuration(milliseconds: number): string {
  const totalMs = Math.max(0, Math.round(milliseconds));
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor((totalMs % 3_600_000) / 60_000);
  const seconds = (totalMs % 60_000) / 1000;
  let text = 'PT';
  if (hours > 0) text += `${hours}H`;
  if (minutes > 0) text += `${minutes}M`;
  if (seconds > 0 || text === 'PT') text += `${Number(seconds.toFixed(3))}S`;
  return text;
}
