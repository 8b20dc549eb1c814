/**
 * Realistic article bodies for the duplicate and story tests, written for this project: three
 * events, two reports of each (different outlets, different wording), plus one report of an earlier
 * event with the same actors. Paragraphs are separated by blank lines.
 */
import { Draft, type DraftMeta } from "../../src/draft.ts";

export const STRIKE_WIRE = `Dock workers at the Port of Rotterdam walked off the job on Tuesday, halting container traffic at Europe's largest port for the first time in more than a decade.

The FNV Havens union said about 2,400 lashers and crane operators joined the 48-hour stoppage after talks with employers over a new collective agreement broke down late on Monday night.

Union negotiator Niek Stam told reporters outside the Maasvlakte terminals that members wanted an early retirement scheme for night-shift workers and a wage increase in line with inflation.

The employers' association said the demands would add 14 percent to labour costs over two years and called the strike disproportionate while freight rates were already falling.

Shipping lines including Maersk and Hapag-Lloyd warned customers of delays of up to five days, and several vessels were diverted to Antwerp and Hamburg.

The Dutch economy minister, Dirk Beljaarts, urged both sides to return to the table, saying the port handled goods worth tens of billions of euros each month.`;

export const STRIKE_LOCAL = `Nothing moved at the Maasvlakte on Tuesday morning. Cranes stood still above stacks of containers as Rotterdam's dockers began a two-day strike called by the FNV Havens union.

It is the first full stoppage at the port since 2012. Employers and unions had failed to agree on a new labour contract in talks that ended without result on Monday evening.

"People who have worked nights for thirty years are worn out," said Niek Stam of FNV Havens, standing among pickets at the gate of a container terminal. He wants night-shift workers to be able to retire earlier.

Employers say the package would raise costs sharply at a time when the port is losing volume to rivals. They described the action as out of all proportion.

Ships waiting off the Hook of Holland were told to expect long delays. Some operators sent vessels on to Antwerp instead.`;

export const STORM_WIRE = `Storm Brigid brought gusts of up to 150 kilometres per hour to the west coast of Ireland on Thursday, cutting power to more than 200,000 homes and businesses.

Met Éireann issued a red wind warning for Galway, Mayo and Clare, its highest level, and schools across the three counties were closed for the day.

ESB Networks said crews were working to restore supply but that some customers in rural Connemara could be without electricity until the weekend because of fallen trees blocking roads.

In Galway city the Salthill promenade was closed as waves overtopped the sea wall, and the council advised residents of low-lying streets near the Spanish Arch to move cars to higher ground.

Taoiseach Simon Harris said the National Emergency Coordination Group would meet again on Friday morning to assess the damage.`;

export const STORM_LOCAL = `Residents of Galway woke on Thursday to flooded streets and boarded-up shopfronts as Storm Brigid battered the city through the night.

Water poured over the sea wall at Salthill and reached the Spanish Arch shortly after high tide, according to the city's fire service, which pumped out several basements on the Long Walk.

Across Connemara, thousands of homes lost power after trees came down on lines. ESB Networks warned that repairs in remote areas could take days.

"I've lived here forty years and never seen the water this high," said Máire Ní Fhlatharta, who runs a café near the quay.

The emergency group chaired by the Taoiseach, Simon Harris, is to review the response on Friday. Met Éireann's red warning for Galway, Mayo and Clare expired at noon.`;

export const RATES_WIRE = `Norway's central bank raised its policy rate by a quarter point to 4.5 percent on Thursday, surprising economists who had expected it to hold, and signalled that borrowing costs would stay high well into next year.

Norges Bank governor Ida Wolden Bache said the weak krone was keeping inflation above target and that the committee saw a risk of price growth becoming entrenched.

The krone strengthened 1.2 percent against the euro after the announcement in Oslo, its biggest one-day gain in three months.

Most of the 18 economists polled before the meeting had forecast no change after the previous increase in September.

Mortgage lenders DNB and Nordea said they would pass the increase on to customers within six weeks.`;

export const RATES_LOCAL = `Homeowners in Norway face higher monthly payments after Norges Bank lifted its key rate to 4.5 percent, a move few in the market had seen coming.

Announcing the decision in Oslo on Thursday, governor Ida Wolden Bache pointed to a krone that remains weak and to inflation that has been slow to come down.

The krone jumped against the euro within minutes. Analysts who had bet on a pause said the bank was now likely to keep rates at this level until late next year.

DNB, the country's biggest lender, said its customers would see the change on their loans within six weeks.`;

/** An earlier decision of the same bank: the same people and words, a different event. */
export const RATES_EARLIER = `Norges Bank kept its policy rate unchanged at 3.75 percent in May, saying it wanted more time to judge how earlier increases were feeding through to households.

Governor Ida Wolden Bache told a press conference in Oslo that unemployment had begun to edge up from a record low and that consumer spending had cooled over the winter.

The decision was expected by all economists polled. The krone was little changed against the euro after the announcement.

The bank said the rate would most likely be raised again in June, when it publishes new forecasts for growth and prices.`;

/** Lines a site prints on every article page. */
export const SITE_BOILERPLATE = [
  "Sign up for our morning newsletter and get the day's top stories delivered to your inbox before breakfast.",
  "Follow us on Facebook, X and Instagram for breaking news, live updates and the best of our reporting.",
  "Our journalism is funded by readers like you. Subscribe today from as little as 2 euros a month to keep reading.",
  "Comments are moderated and will appear once approved by our editors. Please keep the conversation civil.",
];

/** A draft with one paragraph block per paragraph (blank-line or line separated). */
export function draftOf(id: string, text: string, meta: Partial<DraftMeta> = {}, path = "fixtures.jsonl", index = 0): Draft {
  const draft = new Draft({ id, source: { path, index }, raw: { kind: "text", content: text }, meta });
  for (const line of text.split(/\n/)) draft.addBlock("paragraph", line);
  return draft;
}

/** Paragraphs of a body. */
export function paragraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== "");
}
