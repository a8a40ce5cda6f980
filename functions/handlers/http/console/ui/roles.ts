// The agents' roles in plain French: their names, and what each one lets an agent do.
import type { Role } from '#core/agents/agent';

export const ROLE_NAMES: Record<Role, string> = {
  admin: 'Administrateur·rice',
  editor: 'Rédacteur·rice',
  viewer: 'Lecteur·rice',
};

export const ROLE_ALLOWS: Record<Role, string> = {
  viewer:
    'consulter les démarches, les questionnaires, les campagnes, leurs envois et leurs résultats, et le journal ; ' +
    'aucune modification.',
  editor:
    'tout consulter, et aussi écrire et modifier les démarches, les questionnaires et les campagnes, ' +
    'les programmer, les mettre en pause ou les annuler, envoyer des tests et lire les réponses libres.',
  admin:
    'tout ce que peut faire un·e rédacteur·rice, et aussi créer les agents, choisir leur rôle et révoquer leurs jetons.',
};
