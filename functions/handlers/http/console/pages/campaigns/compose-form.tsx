// The compose form: write the message once, choose the channels, the audience and the time; the
// previews below it follow what is typed (the script posts the form to the preview route) and, in
// the same region, the buttons that save or schedule, disabled with their reason when a channel
// would refuse the message. Without JavaScript, « Mettre à jour l’aperçu » re-renders the page.
import type { FC } from 'hono/jsx';
import type { Violation } from '#core/shared/errors';
import { CHANNEL_LABELS } from '../../ui/campaign-bits';
import {
  Choices,
  type FormValues,
  HintAndError,
  type Option,
  SelectField,
  TextArea,
  TextField,
  describedByOf,
  fieldId,
  valueOf,
  valuesOf,
  violationsOf,
} from '../../ui/forms';
import { formatNumber } from '../../ui/format';
import { X_POST_MAX_WEIGHTED_LENGTH } from '#core/campaigns/x-post';
import { DEFAULT_POLL_MINUTES } from './form-values';
import { type ComposeChoices, TERRITORY_OPTIONS, THEME_OPTIONS } from './catalogs';
import { type PreviewData, Previews, schedulingBlocker } from './previews';

/** What the form is for: a new campaign, or a stored one in its editable status. */
export type ComposeMode = 'nouvelle' | 'draft' | 'scheduled';

export const PREVIEW_PATH = '/console/campagnes/apercu';

const CHANNEL_OPTIONS: Option[] = Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }));

const Radio: FC<{ name: string; value: string; label: string; values: FormValues }> = ({
  name,
  value,
  label,
  values,
}) => (
  <label for={`${fieldId(name)}-${value}`}>
    <input
      type="radio"
      id={`${fieldId(name)}-${value}`}
      name={name}
      value={value}
      checked={valueOf(values, name) === value}
    />
    {label}
  </label>
);

/**
 * Everyone, the followers of some démarches, themes or places (a follower of any one is in), or
 * those who answered some questionnaires (« Voici ce que vous avez dit », an évaluation).
 */
const AudiencePicker: FC<{
  values: FormValues;
  violations: readonly Violation[];
  demarches: Option[];
  answered: Option[];
}> = ({ values, violations, demarches, answered }) => {
  const errors = violations.filter((v) => v.field === 'audience');
  const id = fieldId('audience');
  const checked = (name: string) => valuesOf(values, name);
  return (
    <fieldset
      id={id}
      class={errors.length > 0 ? 'field invalid' : 'field'}
      aria-describedby={describedByOf(id, undefined, errors)}
    >
      <legend>Audience</legend>
      <HintAndError id={id} errors={errors} />
      <div class="choices">
        <Radio name="audience.kind" value="everyone" label="Tous les abonné·es" values={values} />
        <Radio name="audience.kind" value="followers" label="Les abonné·es qui suivent…" values={values} />
        <Radio
          name="audience.kind"
          value="respondents"
          label="Les personnes qui ont répondu à un questionnaire…"
          values={values}
        />
      </div>
      <p class="hint">Une personne qui suit au moins un des éléments cochés fait partie de l’audience.</p>
      <Choices
        type="checkbox"
        name="audience.demarches"
        label="…ces démarches"
        options={demarches}
        checked={checked('audience.demarches')}
        violations={violations}
      />
      <Choices
        type="checkbox"
        name="audience.themes"
        label="…ces thèmes"
        options={THEME_OPTIONS}
        checked={checked('audience.themes')}
        violations={violations}
      />
      <Choices
        type="checkbox"
        name="audience.territories"
        label="…ces communes et quartiers"
        options={TERRITORY_OPTIONS}
        checked={checked('audience.territories')}
        violations={violations}
      />
      <Choices
        type="checkbox"
        name="audience.questionnaires"
        label="…ces questionnaires (les personnes qui ont répondu à au moins un)"
        options={answered}
        checked={checked('audience.questionnaires')}
        violations={violations}
      />
    </fieldset>
  );
};

const SendTime: FC<{ values: FormValues; violations: readonly Violation[] }> = ({ values, violations }) => (
  <fieldset class="field">
    <legend>Heure d’envoi</legend>
    <div class="choices">
      <Radio name="quand" value="maintenant" label="Maintenant (dans une minute)" values={values} />
      <Radio name="quand" value="heure" label="À la date et l’heure ci-dessous" values={values} />
    </div>
    <TextField
      type="datetime-local"
      name="sendAt"
      label="Date et heure d’envoi (heure de Paris)"
      value={valueOf(values, 'sendAt')}
      violations={violations}
    />
    <Choices
      type="checkbox"
      name="envoi"
      label="Options d’envoi Telegram"
      options={SENDING_OPTIONS}
      checked={valuesOf(values, 'envoi')}
      violations={violations}
    />
  </fieldset>
);

/** Urgent bypasses digests and quiet hours; paid broadcast goes past 30 messages/s, at a cost in Telegram Stars. */
const SENDING_OPTIONS: Option[] = [
  { value: 'urgent', label: 'Urgent : part tout de suite, même pour qui a choisi un résumé ou des heures calmes' },
  {
    value: 'paidBroadcast',
    label: 'Diffusion payante (jusqu’à 1 000 messages par seconde, facturée en Telegram Stars)',
  },
];

/** The previews and the buttons that depend on them: the region the live preview replaces. */
export const ComposeLive: FC<{ preview: PreviewData; mode: ComposeMode }> = ({ preview, mode }) => {
  const blocker = schedulingBlocker(preview);
  return (
    <>
      <Previews preview={preview} />
      <div class="actions">
        <button type="submit" name="intention" value="apercu" class="secondary">
          Mettre à jour l’aperçu
        </button>
        <button
          type="submit"
          name="intention"
          value="enregistrer"
          class={mode === 'scheduled' ? undefined : 'secondary'}
        >
          {mode === 'scheduled' ? 'Enregistrer les modifications' : 'Enregistrer le brouillon'}
        </button>
        {mode !== 'scheduled' && (
          <button
            type="submit"
            name="intention"
            value="programmer"
            disabled={blocker !== undefined}
            aria-describedby={blocker ? 'programmation-impossible' : undefined}
          >
            Enregistrer et programmer
          </button>
        )}
      </div>
      {blocker && (
        <p id="programmation-impossible" class="over-limit">
          Programmation impossible : {blocker}
        </p>
      )}
    </>
  );
};

type Part = { values: FormValues; violations: readonly Violation[] };

/** The message itself, as every channel starts from it. */
const MessageFields: FC<Part> = ({ values, violations }) => (
  <>
    <h2>Message</h2>
    <TextField
      name="message.title"
      label="Titre"
      value={valueOf(values, 'message.title')}
      violations={violations}
      maxLength={200}
    />
    <TextArea
      name="message.text"
      label="Texte"
      rows={8}
      value={valueOf(values, 'message.text')}
      violations={violations}
    />
    <TextField
      type="url"
      name="message.link"
      label="Lien (https://…)"
      hint="La page où en savoir plus ou participer."
      value={valueOf(values, 'message.link')}
      violations={violations}
    />
    <TextField
      type="url"
      name="message.imageUrl"
      label="Adresse d’une image (facultatif)"
      value={valueOf(values, 'message.imageUrl')}
      violations={violations}
    />
  </>
);

const POLL_DURATION_OPTIONS: Option[] = [
  { value: '60', label: '1 heure' },
  { value: '360', label: '6 heures' },
  { value: '1440', label: '1 jour' },
  { value: '4320', label: '3 jours' },
  { value: '10080', label: '7 jours' },
];

/** A question of a questionnaire as an X poll: the questions that can be one, grouped by questionnaire. */
const PollFields: FC<Part & { choices: ComposeChoices }> = ({ values, violations, choices }) => {
  const id = fieldId('xPoll.question');
  const errors = violationsOf(violations, 'xPoll.question');
  const hint =
    'Une question à choix unique ou oui/non du questionnaire choisi, de 2 à 4 options de 25 caractères au plus : ' +
    'X l’affiche en sondage sous la publication (les votes restent sur X).';
  const chosen = valueOf(values, 'xPoll.question');
  return (
    <>
      <div class={errors.length > 0 ? 'field invalid' : 'field'}>
        <label for={id}>Sondage X (facultatif)</label>
        <HintAndError id={id} hint={hint} errors={errors} />
        <select
          id={id}
          name="xPoll.question"
          aria-describedby={describedByOf(id, hint, errors)}
          aria-invalid={errors.length > 0 ? 'true' : undefined}
        >
          <option value="">Aucun</option>
          {choices.pollQuestions.map((group) => (
            <optgroup label={group.label}>
              {group.options.map((o) => (
                <option value={o.value} selected={o.value === chosen}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <SelectField
        name="xPoll.durationMinutes"
        label="Durée du sondage X"
        options={POLL_DURATION_OPTIONS}
        value={valueOf(values, 'xPoll.durationMinutes') || String(DEFAULT_POLL_MINUTES)}
        violations={violations}
      />
    </>
  );
};

/** X's own text, with its weighted count (the preview's, copied next to the field by the script as it changes). */
const XTextField: FC<Part & { count?: string }> = ({ values, violations, count }) => (
  <>
    <TextArea
      name="xText"
      label="Texte différent pour X (facultatif)"
      hint="Laissé vide, X publie le titre, le texte s’il tient et ne parle pas des boutons de Telegram, et le lien : 280 caractères pondérés au plus (un lien compte 23, un émoji 2)."
      rows={4}
      value={valueOf(values, 'xText')}
      violations={violations}
    />
    <p class="muted" aria-live="polite" data-x-count-mirror hidden={count === undefined}>
      {count !== undefined && `Publication X : ${count}`}
    </p>
  </>
);

/** Where it goes and what it belongs to: channels, X's own text and poll, démarche, questionnaire. */
const ChannelFields: FC<Part & { choices: ComposeChoices; xCount?: string }> = ({
  values,
  violations,
  choices,
  xCount,
}) => (
  <>
    <h2>Canaux et rattachements</h2>
    <Choices
      type="checkbox"
      name="channels"
      label="Canaux"
      options={CHANNEL_OPTIONS}
      checked={valuesOf(values, 'channels')}
      violations={violations}
    />
    <XTextField values={values} violations={violations} count={xCount} />
    <SelectField
      name="demarcheSlug"
      label="Démarche concernée (facultatif)"
      hint="L’article paraît aussi dans le flux de la démarche."
      empty="Aucune"
      options={choices.demarches}
      value={valueOf(values, 'demarcheSlug')}
      violations={violations}
    />
    <SelectField
      name="questionnaireId"
      label="Questionnaire (facultatif)"
      hint="Dans Telegram, un bouton « Répondre (N questions, durée) » sous le message ouvre le questionnaire ; sur X, le lien invite à donner son avis."
      empty="Aucun"
      options={choices.questionnaires}
      value={valueOf(values, 'questionnaireId')}
      violations={violations}
    />
    <PollFields values={values} violations={violations} choices={choices} />
  </>
);

export const ComposeForm: FC<{
  action: string;
  mode: ComposeMode;
  values: FormValues;
  violations: readonly Violation[];
  choices: ComposeChoices;
  preview: PreviewData;
}> = ({ action, mode, values, violations, choices, preview }) => (
  <form method="post" action={action} class="compose" data-live={PREVIEW_PATH} data-live-target="apercu">
    <input type="hidden" name="mode" value={mode} />
    {mode !== 'nouvelle' && <input type="hidden" name="version" value={valueOf(values, 'version')} />}
    <MessageFields values={values} violations={violations} />
    <ChannelFields
      values={values}
      violations={violations}
      choices={choices}
      xCount={
        preview.x && `${formatNumber(preview.x.weightedLength)} / ${X_POST_MAX_WEIGHTED_LENGTH} caractères pondérés`
      }
    />
    <h2>Destinataires et heure</h2>
    <AudiencePicker values={values} violations={violations} demarches={choices.demarches} answered={choices.answered} />
    <SendTime values={values} violations={violations} />
    <div id="apercu">
      <ComposeLive preview={preview} mode={mode} />
    </div>
  </form>
);
