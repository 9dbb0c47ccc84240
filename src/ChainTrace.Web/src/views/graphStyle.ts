import type cytoscape from "cytoscape";

export const graphStyle: cytoscape.StylesheetJson = [
  { selector: "node", style: { label: "data(label)", "background-color": "data(colour)", "font-size": 10, color: "#111", "text-valign": "bottom", "text-margin-y": 3, width: 22, height: 22, "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": "1px", "text-wrap": "wrap", "text-max-width": "140px" } },
  { selector: "node.start", style: { width: 30, height: 30, "border-width": 3, "border-color": "#111" } },
  { selector: "node.more", style: { shape: "round-rectangle", "background-color": "#ffffff", "border-width": 1, "border-style": "dashed", "border-color": "#5f6b7a", width: 60 } },
  { selector: "node.tx", style: { shape: "diamond", width: 14, height: 14, "background-color": "#9aa5b1", label: "" } },
  { selector: "node.collapsed", style: { shape: "hexagon", width: 34, height: 34 } },
  { selector: ":parent", style: { "background-color": "#eef2f7", "background-opacity": 0.6, "border-width": 1, "border-style": "dashed", "border-color": "#5f6b7a", "text-valign": "top", label: "data(label)" } },
  { selector: "edge", style: { width: "data(width)", "line-color": "#9aa5b1", "target-arrow-color": "#9aa5b1", "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(label)", "font-size": 9, color: "#222", "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-rotation": "autorotate" } },
  { selector: ".path", style: { "line-color": "#c2410c", "target-arrow-color": "#c2410c", "border-color": "#c2410c", "border-width": 3 } },
  { selector: ".dim", style: { opacity: 0.2 } },
  { selector: "edge.hidden", style: { display: "none" } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#111", "overlay-opacity": 0 } },
];
