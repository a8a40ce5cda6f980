// The public addresses of a questionnaire's results, stable for good: portals harvest them, the
// feeds and « Voici ce que vous avez dit » link to them. Relative to the public base URL.
export const publicResultsPaths = (questionnaireId: string) => {
  const page = `/resultats/${questionnaireId}`;
  return {
    page,
    json: `${page}/resultats.json`,
    csv: `${page}/reponses.csv`,
  };
};

/** The open-data index: HTML for people, a documented JSON list and DCAT-AP (JSON-LD) for portals. */
export const OPEN_DATA_PATHS = {
  html: '/open-data/',
  json: '/open-data/datasets.json',
  dcat: '/open-data/catalog.jsonld',
} as const;
