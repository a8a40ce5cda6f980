// The editor of one announcement template: French and English title and text, an optional X text,
// the placeholders it may use listed beside it, and each refusal next to its field.
import type { FC } from 'hono/jsx';
import { PLACEHOLDERS, type TemplateKey } from '#core/announcements/template';
import type { Violation } from '#core/shared/errors';
import { ErrorSummary, TextArea, TextField } from '../../ui/forms';

export interface TemplateDraft {
  frTitle: string;
  frText: string;
  enTitle: string;
  enText: string;
  x: string;
}

/** The form's names are the template's fields (`fr.title`…), so a violation lands next to its field. */
export const templatePath = (key: TemplateKey) => `/console/annonces/modeles/${key}`;

export const Placeholders: FC = () => (
  <section class="card" aria-labelledby="champs-modele">
    <h2 id="champs-modele">Champs utilisables</h2>
    <dl>
      {Object.entries(PLACEHOLDERS).map(([name, meaning]) => (
        <>
          <dt>
            <code>{`{${name}}`}</code>
          </dt>
          <dd>{meaning}</dd>
        </>
      ))}
    </dl>
  </section>
);

export const TemplateForm: FC<{
  templateKey: TemplateKey;
  draft: TemplateDraft;
  violations?: readonly Violation[];
  readOnly?: boolean;
}> = ({ templateKey, draft, violations = [], readOnly }) => (
  <form method="post" action={templatePath(templateKey)} novalidate>
    <ErrorSummary violations={violations} />
    <fieldset disabled={readOnly}>
      <legend>En français</legend>
      <TextField name="fr.title" label="Titre" value={draft.frTitle} required maxLength={200} violations={violations} />
      <TextArea name="fr.text" label="Texte" value={draft.frText} required rows={4} violations={violations} />
    </fieldset>
    <fieldset disabled={readOnly}>
      <legend>En anglais</legend>
      <TextField name="en.title" label="Title" value={draft.enTitle} required maxLength={200} violations={violations} />
      <TextArea name="en.text" label="Text" value={draft.enText} required rows={4} violations={violations} />
    </fieldset>
    <fieldset disabled={readOnly}>
      <legend>Sur X (facultatif, payant)</legend>
      <TextArea
        name="x"
        label="Texte pour X"
        hint="Un titre et {lien}, 280 caractères pondérés au plus. Vide : l’annonce ne part pas sur X."
        value={draft.x}
        rows={3}
        violations={violations}
      />
    </fieldset>
    {!readOnly && <button type="submit">Enregistrer le modèle</button>}
  </form>
);
