/* The reinforcement-learning demo for a task the page cannot simulate (all but CartPole): it
   replays the episodes the project's evaluation recorded in Python (examples/episodes.json, and one
   GIF per episode: the trained agent beside a random policy from the same start) with their
   returns. Nothing is computed here; every number is evaluation's own. */

import { Unsupported, alertLine, el, fetchJSON, report, styles } from "./common.mjs";

/** "243.2 in 312 steps, landed": one side of a recorded episode, as the page states it. */
export function describe(side) {
  const ending = side.outcome ? `, ${side.outcome}` : "";
  return `${side.return.toFixed(1)} in ${side.length} steps${ending}`;
}

/** The recorded episodes whose GIF the page was given, in evaluation's order. */
export function playable(record, examples) {
  const gifs = new Map(examples.map((url) => [new URL(url).pathname.split("/").pop(), url]));
  return record.episodes.filter((episode) => gifs.has(episode.gif))
    .map((episode) => ({ ...episode, url: gifs.get(episode.gif) }));
}

/** Build the replay (a choice of recorded episode, its GIF, its returns) and show the first. */
export async function mountReplay(root, { files, examples }) {
  const [record] = await Promise.all([fetchJSON(files.episodes), styles()]);
  const episodes = playable(record, examples);
  if (!episodes.length) {
    throw new Unsupported(`There is no browser version of ${record.env_id}, and no recorded episode came ` +
      "with the page. The picture shows the agent playing; the page's Reproduce section says how to run it live.");
  }
  const pick = el("select", { id: "sc-rl-episode" },
    ...episodes.map((episode, i) => el("option", { value: String(i), text: `seed ${episode.seed}` })));
  const picture = el("img", { class: "sc-demo__replay", alt: "", decoding: "async" });
  const returns = el("p", { class: "sc-demo__returns", "aria-live": "polite" });
  const note = el("p", { class: "sc-demo__meta", text: `A recording, not a live run: ${record.env_id} has no ` +
    `browser version, so the page replays the first ${episodes.length} evaluation episodes as the project's ` +
    "evaluation played them in Python: the trained agent (greedy) on the left, a random policy from the " +
    "same start on the right. The project's own demo plays any seed live." });
  const show = () => {
    const episode = episodes[Number(pick.value)];
    picture.src = episode.url;
    picture.alt = `${record.env_id} from seed ${episode.seed}: the trained agent scores ` +
      `${describe(episode.agent)}; a random policy ${describe(episode.random)}`;
    returns.textContent = `Trained agent: ${describe(episode.agent)} · Random policy: ${describe(episode.random)}`;
    report(root, { seed: episode.seed, trained: episode.agent.return, random: episode.random.return,
      steps: episode.agent.length, recorded: true });
  };
  pick.addEventListener("change", show);
  root.append(el("form", { class: "sc-demo__row" }, el("label", { for: pick.id }, "Recorded episode", pick)),
    picture, returns, note, alertLine());
  show();
  return { answer: async () => show() };
}
