// Strings of one area; `frAccounts` is typed against `enAccounts`, so a missing translation fails the typecheck.
export const enAccounts = {
  'account.nav.signIn': 'Sign in',
  'account.nav.account': 'Account',
  'account.nav.accountOf': 'Your account ({email})',

  'account.email': 'Email address',
  'account.password': 'Password',
  'account.newPassword': 'New password',
  'account.passwordHint': 'At least 8 characters, not only digits, not a common password.',
  'account.working': 'Please wait…',
  'account.errorsTitle': 'Please correct the following:',

  'account.signUp.title': 'Create an account',
  'account.signUp.intro':
    'With an account, your favourites and preferences follow you to every device, and you can get weather alerts.',
  'account.signUp.submit': 'Create my account',
  'account.signUp.haveAccount': 'Already have an account?',
  'account.signUp.checkInbox':
    'Almost done: we sent a link to {email}. Open it to confirm your address and finish signing up.',

  'account.signIn.title': 'Sign in',
  'account.signIn.submit': 'Sign in',
  'account.signIn.forgot': 'Forgot your password?',
  'account.signIn.noAccount': 'No account yet?',
  'account.signIn.createOne': 'Create one',
  'account.signIn.unverified':
    'Your email address is not confirmed yet. Open the link we sent you, then sign in again.',

  'account.verify.title': 'Confirm your email address',
  'account.verify.checking': 'Checking the link…',
  'account.verify.confirmEmail': 'Confirm {email} as the address of your account.',
  'account.verify.submit': 'Confirm my address',
  'account.verify.doneSignedIn': 'Your address is confirmed and you are signed in.',
  'account.verify.done': 'Your address is confirmed. You can now sign in.',
  'account.verify.invalid': 'This link is invalid or has expired. Sign in to get a new one.',

  'account.reset.requestTitle': 'Reset your password',
  'account.reset.requestIntro': 'Enter the address of your account: we will send it a link to choose a new password.',
  'account.reset.requestSubmit': 'Send me the link',
  'account.reset.requestSent':
    'If an account uses {email}, a link to choose a new password is on its way. Check your inbox.',
  'account.reset.title': 'Choose a new password',
  'account.reset.submit': 'Save the new password',
  'account.reset.done': 'Your password is changed.',
  'account.reset.doneSignIn': 'Your password is changed. You can now sign in with it.',
  'account.reset.invalid': 'This link is invalid or has expired. Ask for a new one.',
  'account.reset.again': 'Ask for a new link',

  'account.me.title': 'My account',
  'account.me.signedInAs': 'Signed in as {email}.',
  'account.me.follows': 'Your favourites and preferences are saved in your account and follow you to every device.',
  'account.me.signOut': 'Sign out',
  'account.me.signedOut': 'You are signed out. Your favourites stay on this browser.',
  'account.me.dataTitle': 'Your data',
  'account.me.dataIntro': 'A JSON file with everything your account holds: preferences, favourites, alerts, searches.',
  'account.me.download': 'Download my data',
  'account.me.deleteTitle': 'Delete my account',
  'account.me.deleteWarning':
    'This deletes your account and everything it holds (favourites, preferences, alert subscriptions, searches) for good. It cannot be undone.',
  'account.me.deleteConfirm': 'Your password, to confirm',
  'account.me.deleteSubmit': 'Delete my account for good',
  'account.me.deleted': 'Your account and its data are deleted.',
  'account.me.wrongPassword': 'This password is not correct.',
  'account.signedOutIntro': 'You are not signed in.',

  'account.error.required': 'This field is required.',
  'account.error.invalidEmail': 'Enter a valid email address.',
  'account.error.emailTaken': 'An account already uses this email address. Sign in instead?',
  'account.error.mismatch': 'The email address or the password is not correct.',
  'account.error.tooShort': 'This password is too short: use at least 8 characters.',
  'account.error.tooCommon': 'This password is too common: choose one that is harder to guess.',
  'account.error.numeric': 'This password has only digits: add letters or symbols.',
  'account.error.tooSimilar': 'This password is too close to your email address.',
  'account.error.tooMany': 'Too many attempts. Wait a few minutes, then try again.',
  'account.error.unknown': 'Something went wrong. Please try again.',
  'account.error.offline': 'No connection: check your internet connection, then try again.',
} as const;

export const frAccounts: Record<keyof typeof enAccounts, string> = {
  'account.nav.signIn': 'Connexion',
  'account.nav.account': 'Compte',
  'account.nav.accountOf': 'Votre compte ({email})',

  'account.email': 'Adresse e-mail',
  'account.password': 'Mot de passe',
  'account.newPassword': 'Nouveau mot de passe',
  'account.passwordHint': 'Au moins 8 caractères, pas seulement des chiffres, pas un mot de passe courant.',
  'account.working': 'Veuillez patienter…',
  'account.errorsTitle': 'Veuillez corriger ce qui suit :',

  'account.signUp.title': 'Créer un compte',
  'account.signUp.intro':
    'Avec un compte, vos favoris et vos préférences vous suivent sur tous vos appareils, et vous pouvez recevoir des alertes météo.',
  'account.signUp.submit': 'Créer mon compte',
  'account.signUp.haveAccount': 'Vous avez déjà un compte ?',
  'account.signUp.checkInbox':
    'Presque fini : nous avons envoyé un lien à {email}. Ouvrez-le pour confirmer votre adresse et terminer l’inscription.',

  'account.signIn.title': 'Connexion',
  'account.signIn.submit': 'Se connecter',
  'account.signIn.forgot': 'Mot de passe oublié ?',
  'account.signIn.noAccount': 'Pas encore de compte ?',
  'account.signIn.createOne': 'Créez-en un',
  'account.signIn.unverified':
    'Votre adresse e-mail n’est pas encore confirmée. Ouvrez le lien que nous vous avons envoyé, puis reconnectez-vous.',

  'account.verify.title': 'Confirmer votre adresse e-mail',
  'account.verify.checking': 'Vérification du lien…',
  'account.verify.confirmEmail': 'Confirmez {email} comme adresse de votre compte.',
  'account.verify.submit': 'Confirmer mon adresse',
  'account.verify.doneSignedIn': 'Votre adresse est confirmée et vous êtes connecté.',
  'account.verify.done': 'Votre adresse est confirmée. Vous pouvez maintenant vous connecter.',
  'account.verify.invalid': 'Ce lien est invalide ou a expiré. Connectez-vous pour en recevoir un nouveau.',

  'account.reset.requestTitle': 'Réinitialiser votre mot de passe',
  'account.reset.requestIntro':
    'Saisissez l’adresse de votre compte : nous lui enverrons un lien pour choisir un nouveau mot de passe.',
  'account.reset.requestSubmit': 'Envoyez-moi le lien',
  'account.reset.requestSent':
    'Si un compte utilise {email}, un lien pour choisir un nouveau mot de passe est en route. Consultez votre boîte de réception.',
  'account.reset.title': 'Choisir un nouveau mot de passe',
  'account.reset.submit': 'Enregistrer le nouveau mot de passe',
  'account.reset.done': 'Votre mot de passe est modifié.',
  'account.reset.doneSignIn': 'Votre mot de passe est modifié. Vous pouvez maintenant vous connecter avec.',
  'account.reset.invalid': 'Ce lien est invalide ou a expiré. Demandez-en un nouveau.',
  'account.reset.again': 'Demander un nouveau lien',

  'account.me.title': 'Mon compte',
  'account.me.signedInAs': 'Connecté en tant que {email}.',
  'account.me.follows':
    'Vos favoris et vos préférences sont enregistrés dans votre compte et vous suivent sur tous vos appareils.',
  'account.me.signOut': 'Se déconnecter',
  'account.me.signedOut': 'Vous êtes déconnecté. Vos favoris restent dans ce navigateur.',
  'account.me.dataTitle': 'Vos données',
  'account.me.dataIntro':
    'Un fichier JSON avec tout ce que contient votre compte : préférences, favoris, alertes, recherches.',
  'account.me.download': 'Télécharger mes données',
  'account.me.deleteTitle': 'Supprimer mon compte',
  'account.me.deleteWarning':
    'Cela supprime définitivement votre compte et tout ce qu’il contient (favoris, préférences, abonnements aux alertes, recherches). C’est irréversible.',
  'account.me.deleteConfirm': 'Votre mot de passe, pour confirmer',
  'account.me.deleteSubmit': 'Supprimer définitivement mon compte',
  'account.me.deleted': 'Votre compte et ses données sont supprimés.',
  'account.me.wrongPassword': 'Ce mot de passe n’est pas correct.',
  'account.signedOutIntro': 'Vous n’êtes pas connecté.',

  'account.error.required': 'Ce champ est obligatoire.',
  'account.error.invalidEmail': 'Saisissez une adresse e-mail valide.',
  'account.error.emailTaken': 'Un compte utilise déjà cette adresse e-mail. Voulez-vous plutôt vous connecter ?',
  'account.error.mismatch': 'L’adresse e-mail ou le mot de passe n’est pas correct.',
  'account.error.tooShort': 'Ce mot de passe est trop court : utilisez au moins 8 caractères.',
  'account.error.tooCommon': 'Ce mot de passe est trop courant : choisissez-en un plus difficile à deviner.',
  'account.error.numeric': 'Ce mot de passe ne contient que des chiffres : ajoutez des lettres ou des symboles.',
  'account.error.tooSimilar': 'Ce mot de passe ressemble trop à votre adresse e-mail.',
  'account.error.tooMany': 'Trop de tentatives. Attendez quelques minutes, puis réessayez.',
  'account.error.unknown': 'Une erreur est survenue. Veuillez réessayer.',
  'account.error.offline': 'Pas de connexion : vérifiez votre connexion internet, puis réessayez.',
};
