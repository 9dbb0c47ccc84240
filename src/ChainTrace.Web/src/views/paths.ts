import type cytoscape from "cytoscape";
import { enc, get } from "../api";
import { announce } from "../dom";
import { amountText } from "../format";
import type { TraceEdge } from "../types";

export interface PathsAnswer { chain: string; from: string; to: string; hops: number; status: string; paths: TraceEdge[][] }

export function findPaths(chain: string, from: string, to: string, hops: number): Promise<PathsAnswer> {
  return get<PathsAnswer>(`/v1/paths?chain=${enc(chain)}&from=${enc(from)}&to=${enc(to)}&hops=${hops}`);
}

/** Draws the connections between two addresses of the graph as address-to-address edges, highlighted. */
export async function drawPaths(cy: cytoscape.Core, chain: string, from: string, to: string, hops: number, addNodes: (addresses: string[]) => Promise<void>): Promise<void> {
  if (!to) throw new Error("Enter the address to find connections to.");
  const answer = await findPaths(chain, from, to, hops);
  cy.elements().removeClass("path");
  if (answer.paths.length === 0) {
    announce(`No connection from ${from} to ${to} within ${hops} hops`);
    throw new Error(`No connection found within ${hops} hops (${answer.status}).`);
  }
  const addresses = [...new Set(answer.paths.flat().map(e => e.address).filter((a): a is string => a !== null))];
  await addNodes(addresses);
  for (const path of answer.paths) {
    let previous = from;
    for (const hop of path) {
      if (!hop.address) continue;
      const id = `path:${previous}->${hop.address}`;
      if (cy.getElementById(id).empty() && previous !== hop.address) {
        cy.add({ group: "edges", data: { id, source: previous, target: hop.address, amount: hop.amount, label: amountText(chain, hop.amount), width: 3 } });
      }
      cy.getElementById(id).addClass("path");
      cy.getElementById(hop.address).addClass("path");
      previous = hop.address;
    }
  }
  cy.getElementById(from).addClass("path");
  announce(`${answer.paths.length} paths from ${from} to ${to} highlighted`);
}
