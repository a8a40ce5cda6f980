// Automatic masking of personal details, case by case: every usual way of writing a phone number,
// an e-mail or a street address is masked; years, amounts, dates and ages are not; and an address
// stops where the street's name does, never taking the rest of the sentence with it.
import { describe, expect, it } from 'vitest';
import { MASKS, maskPersonalDetails } from '#core/moderation/masking';

const { phone: PHONE, email: EMAIL, address: ADDRESS } = MASKS;

describe('maskPersonalDetails', () => {
  const masked: [string, string, string][] = [
    // Phones: French in every usual grouping, then foreign ones.
    ['spaces', 'Appelez-moi au 06 12 34 56 78 svp', `Appelez-moi au ${PHONE} svp`],
    ['dots', 'tél. 06.12.34.56.78.', `tél. ${PHONE}.`],
    ['dashes', '02-40-41-90-00 (mairie)', `${PHONE} (mairie)`],
    ['no separator', 'mon numéro 0612345678', `mon numéro ${PHONE}`],
    ['non-breaking spaces', 'au 06\u00a012\u00a034\u00a056\u00a078', `au ${PHONE}`],
    ['+33', 'au +33 6 12 34 56 78 ou pas', `au ${PHONE} ou pas`],
    ['+33 glued', '+33612345678', PHONE],
    ['+33 (0)', 'au +33 (0)6 12 34 56 78', `au ${PHONE}`],
    ['0033', 'au 0033 6 12 34 56 78', `au ${PHONE}`],
    ['UK', 'à Londres : +44 20 7946 0958', `à Londres : ${PHONE}`],
    ['US with brackets', 'call +1 (212) 555-1234 now', `call ${PHONE} now`],
    ['Germany short', 'Berlin +49 30 123456', `Berlin ${PHONE}`],
    ['0044', 'ou 0044 20 7946 0958', `ou ${PHONE}`],
    // E-mails.
    ['e-mail', 'écrivez à jean.dupont+velo@exemple.fr.', `écrivez à ${EMAIL}.`],
    ['accented e-mail', 'hélène@mairie-nantes.fr', EMAIL],
    // Addresses: number (bis/ter), type, name; postcode and town when written; the rest of the sentence kept.
    ['rue', 'J’habite 12 rue de la Paix depuis 10 ans', `J’habite ${ADDRESS} depuis 10 ans`],
    ['rue, postcode, town', 'J’habite 12 rue de la Paix, 44000 Nantes et je vote', `J’habite ${ADDRESS} et je vote`],
    ['no comma', 'au 12 rue de la Paix et je vote', `au ${ADDRESS} et je vote`],
    ['bis', 'au 3 bis rue Crébillon.', `au ${ADDRESS}.`],
    ['ter with comma', 'au 5ter, avenue Jean Jaurès 44100 Nantes.', `au ${ADDRESS}.`],
    ['bd abbreviated', '8 bd des Anglais, vers le parc', `${ADDRESS}, vers le parc`],
    ['boulevard', 'devant le 45 boulevard Victor Hugo il y a un trou', `devant le ${ADDRESS} il y a un trou`],
    ['allée lowercase', 'le 7 allée des tilleuls est bruyant', `le ${ADDRESS} est bruyant`],
    ['impasse', '2 impasse du Moulin', ADDRESS],
    ['chemin', '14 chemin de la Censive, 44300 Nantes', ADDRESS],
    ['route', '120 route de Vannes', ADDRESS],
    ['quai', '3 quai de la Fosse', ADDRESS],
    ['place', '1 place Royale', ADDRESS],
    ['cours', '2 cours des 50 Otages', ADDRESS],
    ['square', '4 square Élisa Mercœur', ADDRESS],
    ['capital type', '9 Rue Kervégan, 44000 Nantes', ADDRESS],
    ['composite town', '6 rue de la Gare, 44800 Saint-Herblain, merci', `${ADDRESS}, merci`],
    ['dated street', '5 place du 8 Mai 1945 et ailleurs', `${ADDRESS} et ailleurs`],
  ];
  it.each(masked)('masks %s', (_case, text, expected) => {
    expect(maskPersonalDetails(text).text).toBe(expected);
  });

  const untouched: [string, string][] = [
    ['years', 'En 2024 et 2025, rien n’a changé depuis 1998.'],
    ['amounts', 'Le projet coûte 2 000 000 euros, soit 1 000 500 300 200 € au total.'],
    ['decimal amounts', 'Un ticket à 1,70 € et 12 500,50 € de subventions.'],
    ['plural streets', 'Il faudrait fermer 3 rues et 2 avenues le dimanche.'],
    ['age', 'J’ai 44 ans et trois enfants.'],
    ['dates', 'Réunion le 01/02/2024, puis le 12.03.2025 et le 2025-04-01.'],
    ['time', 'Ouvert de 08 h 30 à 18 h 00.'],
    ['everyday cours', 'Il y a 3 cours de yoga par semaine.'],
    ['everyday place', 'Il faudrait 1 place de parking pour les vélos.'],
    ['postcode alone', 'Les habitants du 44000 sont concernés.'],
    ['short numbers', 'Ligne 2, arrêt 10, bus 54 et C6.'],
  ];
  it.each(untouched)('leaves %s alone', (_case, text) => {
    expect(maskPersonalDetails(text)).toEqual({ text, masked: [] });
  });

  it('says what it masked, by kind and count', () => {
    const { masked } = maskPersonalDetails(
      'Moi : 06 12 34 56 78 ou 07 12 34 56 78, a@b.fr, 12 rue de la Paix, et le 3 rue Crébillon.',
    );
    expect(masked).toEqual([
      { kind: 'email', count: 1 },
      { kind: 'phone', count: 2 },
      { kind: 'address', count: 2 },
    ]);
  });

  it('is stable: masking a masked text changes nothing', () => {
    const once = maskPersonalDetails('06 12 34 56 78, 12 rue de la Paix, a@b.fr').text;
    expect(maskPersonalDetails(once)).toEqual({ text: once, masked: [] });
  });
});
