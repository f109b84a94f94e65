/** The bot's ARM requests so far, from its own /metrics (chatops_azure_requests_total, all labels). */
export async function countArmRequests(botUrl: string): Promise<number> {
  const text = await (await fetch(`${botUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('chatops_azure_requests_total{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
