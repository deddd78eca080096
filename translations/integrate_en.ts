<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>About</name>
    <message>
        <source>Licences and attributions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qt is available under the GNU Lesser General Public License version 3; you may replace the Qt libraries Integrate uses with your own build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version}. A private journal for the days between therapy sessions. Free software under the GNU General Public License, version 3 or later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduce motion (still pictures instead of moving animations)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduce motion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow my computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size follows your computer&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Areas</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckIn</name>
    <message>
        <source>Also written for this check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Come back later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip this check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A newer session&apos;s check-ins have taken over from this one. You can still write here if you want to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just a line or two. Rest comes first today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You finished this one. You can still add to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show me this again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin this prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask me this question again in my next check-ins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip this question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag for my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{lo} = {low}   …   {hi} = {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you write is saved as you type. Skipping is always fine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {when}. Take what is useful and leave the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you flagged for your therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No words in it yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open “{title}” in the journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A word or a line is plenty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip this prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anything else on your mind?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open one to read it or add to it in the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting ready for session {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day of session {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 1 after session {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 2 after session {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 3 after session {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between sessions, after session {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing flagged since the last appointment. You can flag an entry in the journal, or write a question below.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>Opening your journal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s keyring no longer holds your journal&apos;s key. Store it there again, so the journal opens without the recovery code next time?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Need help now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock to open the journal as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key could not be read from the keyring, so the intact parts cannot be shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing could be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries could be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal could not be created: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong while opening the journal ({error}). Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It locked once {task} had finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be saved ({error}). Write the code down instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[The rest could not be read.]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrisisView</name>
    <message>
        <source>Check locally: these numbers come from our reference list and may have changed. If one does not work, call your emergency number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No country is set, so no country&apos;s numbers are shown. If you are in danger, call your local emergency number. To find a crisis line where you are, use the international directory below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We have no numbers for your country in our list. If you are in danger, call your local emergency number. To find a crisis line where you are, use the international directory below, and add it to your safety plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a crisis line where you are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you are in danger now, call your local emergency number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check locally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you are in danger now, call your emergency number: {numbers}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own crisis numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People and places that help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Professionals you can contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis lines in {country}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No number saved in your plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy {value} ({name})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataSettings</name>
    <message>
        <source>It has been a while since your journal was backed up. You can make a backup in Settings, under Your data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This backup holds {entries} journal entries, {sessions} sessions, {checkins} check-ins, {measures} questionnaires and {exercises} exercises, from {first} to {last}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after no activity for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic backups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export (JSON)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export (Markdown)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import (JSON)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the journal&apos;s key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete everything…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password for the backup (at least 8 characters). Keep it safe: without it the backup cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same password again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrate backups (*.ibackup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your backup is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for automatic backups (for example an external drive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup will be saved there once a day while Integrate is open. The last 7 days and 4 weeks are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrate backups (*.ibackup);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup&apos;s password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore it into a new journal in a folder you choose (this one stays as it is), or replace what is in this journal now with it (a copy of the journal as it is now is saved first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Into a new journal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace this journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty folder for the restored journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase for the restored journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A passphrase for the restored journal (at least 8 characters; it may be the backup password):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same passphrase again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup is restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the Markdown files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-encrypt the journal with a new key? A copy is saved first, your passphrase stays the same, and you get a new recovery code (the old one stops working).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deletes your whole journal from this computer: entries, sessions, questionnaires, the key and settings. Backups you saved elsewhere are not touched. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrate locks itself when you step away, when your screen locks and when the computer goes to sleep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That folder already holds a journal. Choose an empty folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrases must match and have at least 8 characters. Nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This export is NOT encrypted. Anyone who can open the file can read your journal. Keep it somewhere private and delete it when you no longer need it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock after no activity for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups are encrypted with a backup password of their own, so they open on any computer, even without this one&apos;s keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export gives you a copy in an open format (JSON, or readable Markdown files). Exports are not encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup has been made yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic backups are off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passwords must match and have at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic backups are on. Turn them off? (Backups already saved stay.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was made on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup is restored into a new journal in {folder}.

Its recovery code (shown once - write it down):

{code}

To open it, start Integrate with: integrate --data-dir &quot;{folder}&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import finished: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To confirm, type {word}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another task is still running: {task} Try again when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last backup: {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic daily backups go to {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last automatic backup did not work: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be used: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not work ({error}). Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files are saved in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. Your new recovery code (shown once - write it down):

{code}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataToday</name>
    <message>
        <source>No automatic backup has been saved yet. When you have a moment, have a look at the backup folder in Settings, under Your data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part of your journal&apos;s key file that holds your recovery code is damaged, so the code you wrote down can no longer open the journal. Your entries are safe. Please make a new recovery code and keep it safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change of your journal&apos;s key was interrupted and has now been completed. Its new recovery code was never shown, so the code you wrote down no longer opens the journal. Please make a new one and keep it safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new recovery code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now: remind me in a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some saved records could not be read, so they are left out of what you see ({records}). Everything else is shown as usual, and the records stay in your journal and its backups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your last backup is from {day}. When you have a moment, a fresh one keeps what you have written safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your new recovery code (shown once - write it down):

{code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery code could not be changed ({error}). Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DistressFollowUp</name>
    <message>
        <source>Need help now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&apos;m OK for now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try a grounding exercise</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <source>This entry had been deleted elsewhere. What you wrote is kept as a new entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When this entry was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write whatever is here for you today. It is saved as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag for my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this entry? You can undo this until you lock the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, delete this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept - saved when the current task finishes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved yet - trying again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the “{phase}” check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the “{phase}” check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked to: {session}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with your therapist on {day}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExclusiveJobs</name>
    <message>
        <source>Saving a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving today&apos;s automatic backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today&apos;s automatic backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can keep writing: it is saved when this finishes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal locks when this finishes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Exercises</name>
    <message>
        <source>Has a short note to read before the first time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts without holding the breath; a version with holds is there if you choose it. Read the note before the first time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These numbers come from your own ratings before and after each exercise. They reflect what you noticed at the time; they are not a score.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One version adds a short rest after the out-breath; the usual one does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{low}-{high} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average change in distress: not rated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About these numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exercises, what helps me, and my safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What helps me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About {n} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short exercises to help you come back to the present. You can pause or stop any of them at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average change in distress: {c}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used {n} times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here yet. After you use an exercise, your own before-and-after ratings appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have not used this yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The one time you rated this, your distress went from {before} to {after}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used yesterday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You used this {used}. There are no before-and-after ratings yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On average your distress went from {before} to {after} across {n} times you used this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You used it {used} in all.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal&apos;s folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy folder path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Integrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal&apos;s folder: {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpNow</name>
    <message>
        <source>Need help now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody monitors this app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You don&apos;t have to get through this alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Things you can do on your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another country (not listed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No country chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis lines for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country for crisis lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From your safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something that has helped you before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A gentle exercise to come back to the present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start {title}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <source>New entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new entry (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search your journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words are all found; &quot;a phrase&quot; in quotes; calm* finds calm, calmer, calming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show entries with this tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show entries from this check-in phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show entries from this time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flagged for therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only entries flagged for my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of entries shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an entry on the left to read or change it, or start a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries yet - write your first one with “New entry”. Whatever you write is saved as you type, and stays on this computer, encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches; try fewer words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose dates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries match these filters. “Show all” brings everything back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filters above may also hide entries: “Show all” clears them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “{title}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entry has “{word}”. Try another word, or the start of one with * (calm* finds calm, calmer, calming).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not linked to a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapy appointment · {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{series} · session {n} · {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session {n} · {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flagged for my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For my therapist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the journal (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How Integrate works (Shift+F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Need help now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis lines and a grounding exercise (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help and about</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasureCrisis</name>
    <message>
        <source>Support is available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody monitors this app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a grounding exercise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open my safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for answering honestly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You said you have had thoughts that you would be better off dead, or of hurting yourself. You deserve support with this now. Please reach out to someone: a crisis line, someone you trust, or your care team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have no safety plan yet. A safety plan is a short list in your own words: warning signs, what helps, who to contact. You can start one now and finish it later, ideally with your therapist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make my safety plan now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making my surroundings safer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From your safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My warning signs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Things I can do on my own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My reasons for living</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People and places that help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Professionals I can contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My own crisis numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a grounding exercise: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can finish the questionnaire afterwards, or leave it for now. These numbers are always under Need help now (F1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasureForm</name>
    <message>
        <source>Items without an answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave without saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and see my result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time frame: {timeframe}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please answer them to see a result; nothing has been saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasureResult</name>
    <message>
        <source>The thresholds are guidance only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your total is {total} of {max}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {value} of {max}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the first {name} of this series, so later ones will be compared with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You answered that you have had thoughts of being better off dead or of hurting yourself. Crisis lines are always under Need help now (F1); please tell your clinician about this answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this questionnaire that falls in the range described as &apos;{band}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: your result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasureSettings</name>
    <message>
        <source>PCL-5 (PTSD symptoms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHQ-9 (mood)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GAD-7 (worry and anxiety)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggest questionnaires on Today and in reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>During a series, every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a series, every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a series (or with none), every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A starting point before each series and one at its end are suggested as well. You can take any questionnaire at any time under Questionnaires, whatever is chosen here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasureTable</name>
    <message>
        <source>Change date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this result?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When did you fill this in?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All questionnaire results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change date...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support screen shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {what}? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the {name} of {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the note that the support screen was shown during the {name} of {when}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasureTrends</name>
    <message>
        <source>Questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the four symptom clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart or table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results as a table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The brackets along the top are your treatment series; dotted lines are your ketamine sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} results from {a} to {b}; first {x}, latest {y} of {m}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faint bands are the questionnaire&apos;s ranges, starting at {edges}, for orientation only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: planned from {start}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ongoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No {name} results yet. Take one from the first tab and it will appear here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Measures</name>
    <message>
        <source>a starting point before your series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weekly during your series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at the end of your series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take one now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaire views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a questionnaire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can fill in any questionnaire whenever you like. Each takes a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestions are turned off (Settings, Questionnaires).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is suggested right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short, widely used questionnaires about PTSD symptoms, mood and worry. Your answers stay in this journal; the numbers are information to talk over with your clinician, not a diagnosis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestions wait until {when}: in the first day after a session, answers reflect its effects more than the past weeks. You can still fill one in now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} - {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken {hours} hours after your last session: answers this soon can reflect the session&apos;s effects. This is noted with the result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take {name} now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every {n} days during your series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every {n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a starting point before your first session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeasuresToday</name>
    <message>
        <source>Questionnaires suggested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A few minutes each. They help you and your clinician see how things change; there is no need to do them all at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A few minutes each. Answered once before your first session, they give a baseline: a starting point to compare with later, for you and your clinician. There is no need to do them all at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} - {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Onboarding</name>
    <message>
        <source>Get started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country for crisis lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another country (not listed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal is encrypted. This computer has no system keyring Integrate can use, so please choose a passphrase: you will type it each time you open Integrate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for my passphrase every time Integrate opens (for a shared computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for my passphrase every time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create my journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last four characters of the recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have saved it - open my journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Integrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrate is a private place for the days after a treatment session: log your sessions, answer a few gentle prompts, try grounding exercises, and - only if you choose - share a summary with your therapist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it is not:
• It is not medical advice and does not replace your care team.
• Nobody monitors it. If you are in danger, call your local emergency number or a crisis line - the &quot;Need help now&quot; button is on every screen.
• Nothing leaves this computer. There is no account, no internet connection and no tracking. Your journal is encrypted on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where are you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This chooses the crisis lines shown under &quot;Need help now&quot;. You can change it, and add your own numbers, later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protecting your journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If this computer&apos;s keyring is ever lost or you forget your passphrase, this code opens your journal. It is shown only now. Write it down or save it, and keep it somewhere safe and private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To confirm you have it, type the last group of four characters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal is encrypted. Its key will be kept in this computer&apos;s keyring ({store}), so it opens when you are logged in. You can also set a passphrase - useful if you share this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> - optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase needs at least {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase (at least {n} characters)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pacer</name>
    <message>
        <source>Breathe in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breathe out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breathing guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breathe normally</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Phases</name>
    <message>
        <source>Getting ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same-day check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same day as a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 1 check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 1 after a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 2 check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 2 after a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 3 check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 3 after a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking back on the series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing for therapy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>Exercise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version of this exercise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much distress do you feel right now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip the rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Begin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand, go on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soft sound at each change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quiet tone when the breath changes or a timed step moves on. Off unless you turn it on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About the sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typing is optional. Your answers are kept only if you choose to save them at the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much distress do you feel now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A short note for yourself (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save my answers with this exercise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save my answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused. Press Space to go on, or Esc to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved without a full before-and-after rating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is saved in &quot;What helps me&quot;, only for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press a number key, then Enter. There is no right answer; it only helps you see later what tends to help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before you start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You will see this once. You can stop at any moment with Esc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back (Left arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next (Right arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press a number key, then Enter. Esc leaves without a rating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for taking this time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can stop here (Esc), or go on when you are ready (Right arrow).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(holds the breath)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another exercise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {i} of {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before: {b} out of 10. Now: {a} out of 10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type if you like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go on when you are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moves on by itself in {s} s. Take your time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About {m}:{s:02d} left.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Show the backups folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read what is intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand that recent changes may be missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Readable entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can open the journal as it is now: changes saved after the last recorded state stay missing, and this state becomes the one Integrate checks against from then on. To go back to a backup instead, open it as it is, then choose Settings, Data, Restore from a backup (a copy of the journal as it is now is saved first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrate has not changed, deleted or replaced anything. If you have a backup, you can restore it. The file is here:
{path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderSettings</name>
    <message>
        <source>When a check-in is due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a questionnaire is due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before an appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the app was closed a while</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me when a check-in or questionnaire is due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours, from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder settings message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Integrate minimised when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start minimised at login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List it as “Journal” in my login items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a neutral name in login items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export my schedule to a calendar file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders show only the words below. People near your screen may see them, so keep them general.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the reminder change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put back as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved. Quiet hours need different start and end times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} check-ins were written to the calendar file. Open it with your calendar app to add them; exporting again later updates the same events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder wording: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login setting could not be changed ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved. “{what}”: {why}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open what this reminder is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In 15 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomorrow morning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip this reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{missed} - see Today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} (and {n} more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} more after this</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafetyPlan</name>
    <message>
        <source>Number is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number may only contain digits, spaces, brackets, dashes and a leading +</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number needs at least 3 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country must be a two-letter code such as GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My warning signs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thoughts, feelings, situations or body signals that tell me a crisis may be building.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Things I can do on my own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps that take my mind off things or calm me, without contacting anyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People and places that help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People I can be with, and places I can go, that help me feel better or distracted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Professionals I can contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My therapist, doctor, clinic or care team, with their phone numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers I can call or text at any hour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making my surroundings safer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Things I can do, or ask someone to do, to keep myself safe where I am.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My reasons for living</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People, hopes, things I care about that matter to me.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One item per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you are in danger now, call your local emergency number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as a PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill this in at a calm moment, ideally with your therapist. It is saved as you type, and only you can see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plan as a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept - saved when the current task finishes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you are in danger now, call {numbers}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a row to {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{error} It has not been changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be saved ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScheduleSettings</name>
    <message>
        <source>Check-in schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same-day check-in, hours after the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same-day check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of the day 1 to 3 and later check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day 1-3, between sessions, review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of the getting-ready check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting ready (evening before)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of the preparing-for-therapy check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing for therapy (evening before)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days between the between-sessions check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> after a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most this many between-sessions check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which check-ins to offer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-ins keep their times. Quiet hours (under Reminders) only hold back the reminder until they end; a check-in on the day of a session always stays on that day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the schedule change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule settings message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the check-ins after a session come. Changes apply to every session; check-ins you already did or skipped stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the session starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal is open read-only, so these cannot be changed now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put back as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. No check-ins will be offered until you tick some again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Your check-ins follow the new times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sessions</name>
    <message>
        <source>Intravenous (IV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intramuscular (IM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sublingual or oral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intranasal (esketamine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketamine session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Therapy appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What kind of session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Happened or planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When (local time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 0.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. mg/kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support person present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before, e.g. 120/80</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blood pressure before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after, e.g. 130/85</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blood pressure after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blood pressure (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What would you like to bring into this session?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress before, 0 to 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mood before, 0 to 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before the session (0-10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in a series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a planned session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Initial series, Booster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned number of sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This series has ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking back: what changed, what stayed, what you want to keep practising.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End reflection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a therapy appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here yet. After a ketamine session, choose “Log a session”: Integrate then offers a short check-in the same day and on the three days after. A session that is coming up goes in with “Plan a session”. A series groups the sessions of one course of treatment; you can add one any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series and sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After-effects…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the route (how the medicine was given).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This time is in the future. Choose &quot;Planned&quot;, or check the date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the series a name, for example &quot;Initial series&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is long; keep it under 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After-effects of session {n} ({when})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The intention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reflection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ongoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} on their own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intention: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the session of {when}? Its open check-ins go with it. Journal entries you wrote stay in your journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the series &quot;{name}&quot;? Its sessions stay, outside any series.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blood pressure {which}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done}{of} sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>route not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{done} check-ins written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reflection: {text}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionsToday</name>
    <message>
        <source>Yes, log it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change or remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did it happen? Once it is logged, the check-ins for the days after it are planned. If it moved or did not happen, you can change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session planned for {day} at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log the session of {day} as done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change or remove the session of {day}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Protection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for my passphrase every time Integrate opens (removes the key from the keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for my passphrase every time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set or change passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new recovery code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recovery code can open the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase (at least 8 characters):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same passphrase again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new recovery code? The old one will stop working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not work. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is kept in this computer&apos;s keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A passphrase can open the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrases must match and have at least 8 characters. Nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a passphrase first: it is how the journal will open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring could not be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your new passphrase is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your new recovery code (shown once - write it down):

{code}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Share</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare a summary for my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing shared yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summaries shared so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share with my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a PDF summary of the weeks you choose: sessions, measures and the entries you pick. You see every page before it is saved, and you decide how it reaches your therapist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SharePdf</name>
    <message>
        <source>Shared by the patient – confidential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integration summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions, measures and journal entries chosen and shared by the patient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-reported with the Integrate app between sessions. Scores are information to discuss together, not a diagnosis. The app is not monitored by anyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHQ-9 item 9 – included at the patient&apos;s choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item 9 asks about thoughts of being better off dead or of hurting oneself. The patient chose to share these answers. Integrate is not monitored: nobody saw these answers when they were given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries the patient selected, in date order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What helps me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note from the patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dotted vertical lines on the charts mark ketamine sessions; shaded bands show severity ranges.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BP before → after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress / mood before (0–10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient&apos;s notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After-effects (highest, 0–10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At a glance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no change (0 points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weekly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A 0 does not mean the absence of risk. Integrate is not monitored: nobody saw these answers when they were given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between-session course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A 0 does not mean the absence of risk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower totals mean fewer or milder symptoms. Change is latest minus baseline; a rise is reported with the same thresholds as a fall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reliable change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not applicable (baseline 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHQ-9 item 9 was shared, but no PHQ-9 was answered in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dotted vertical lines on the charts mark ketamine sessions; shaded columns, named above each chart, are treatment series; faint horizontal bands show severity ranges.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DSM-5 pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difficulty (optional question)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answers in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item 9 answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress before → after (0–10, average)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepared for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing: no expected rhythm set (reminders off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every {0} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHQ-9 item 9 (thoughts of death or self-harm): not shared. The patient chose to leave these answers out of this summary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ketamine session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ketamine sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick check-in ratings by the patient ({0} check-ins; {1}). Not a validated measure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} item by item: baseline ({1}) and latest ({2})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First the {0} entries the patient flagged for you (marked FLAGGED), then the others they selected; each group in date order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one answer only: no change to report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>within the range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not applicable (baseline already {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} expected ({1}) with no answer: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other appointments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHQ-9 item 9 answers are not included in this summary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answers in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHQ-9 item 9, shared by the patient: answers above 0 on {0} of {1} dates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHQ-9 item 9, shared by the patient: all {0} answers were 0 ({1}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLAGGED FOR THERAPIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>improved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleep and nightmares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours slept (solid line, left scale), sleep quality (dashed) and the number of nightmares (triangles), both on the right scale; dotted lines mark ketamine sessions. Nightmares are also PCL-5 item 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Substances and medication changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Substances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medication changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No nights were recorded in the sleep diary in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Night to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality (0–10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nightmares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress (0–10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Woke up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None recorded in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medication</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShareWizard</name>
    <message>
        <source>Untitled entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flagged for my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which time should the summary cover?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can change this later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last 30 days (nothing shared yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between two dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One series of sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should your therapist see?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only what you tick goes into the summary. Entries you flagged for your therapist are ticked already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal entries and check-in answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session timeline (dates, route, setting; sessions and series also on the charts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My intention for each session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What helps me (exercises and my ratings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My answers to PHQ-9 question 9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question 9 asks about thoughts of being better off dead or of hurting yourself. These answers are left out unless you tick this. Sharing them can help your therapist support you; it is your choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one entry or one of the sections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note and names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All of this is optional. It is printed on the first page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note to your therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: what you would like to talk about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your therapist&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed as “Prepared for”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your name, or choose “No name”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is exactly the document that will be saved. Look through every page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smaller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit to width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a password of at least {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questionnaires with charts (PCL-5, PHQ-9, GAD-7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chart of my check-in ratings (mood, distress, sleep, memories)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After-effects after each session (my ratings and notes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My sleep diary (a chart against sessions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Substances and medication changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach my scores as data files (a spreadsheet file and one FHIR file per questionnaire) for my clinic&apos;s records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of the summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect the file with a password (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell your therapist the password separately: say it aloud at your next appointment or on the phone. Never put it in the same email or message as the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share with my therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is protected with your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also include</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries or check-ins in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name on the summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initials only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the page smaller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the page as wide as the preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the page larger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name says nothing about what is inside. You can change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to show for this period. Go back and choose more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview could not be shown here. You can still save the summary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a file name, such as summary.pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That folder does not exist. Choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file with this name is already there. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to save for this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since my last share ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} character(s) have no font on this computer and would print as empty boxes: {1}. The PDF&apos;s text keeps them (copy and search work). Install a font that covers them, or press Save again to save anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The summary is here:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} ticked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SleepChart</name>
    <message>
        <source>Hours slept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality, nightmares (0-10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleep quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nightmares (count)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} nights from {a:%d %b} to {b:%d %b}; on average {h} hours slept; nightmares on {m} of them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SleepTrends</name>
    <message>
        <source>Sleep and nightmares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Night to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nightmares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nightmare distress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Woke up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dotted lines are your ketamine sessions. The solid line is hours slept (left scale); the dashed line is sleep quality and the triangles are nightmares (right scale, 0-10). The PCL-5&apos;s second question is about nightmares, so the two are worth reading side by side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleep and nightmares over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No nights in the sleep diary yet. Add last night&apos;s sleep on Today or in a morning check-in and it will appear here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SoundCue</name>
    <message>
        <source>Sound is not available: no audio output was found on this computer. The exercise works the same without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound is not available: the audio library this app needs is not installed (on Linux: libpulse). The exercise works the same without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sound could not be played on this computer&apos;s audio output. The exercise works the same without it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Suds</name>
    <message>
        <source>Distress from 0 to 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No number chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0  no distress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10  the most I can imagine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distress {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You chose {n} out of 10.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SudsBars</name>
    <message>
        <source>Average distress before and after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No before-and-after ratings yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before {b:.1f}, after {a:.1f}, out of 10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Today</name>
    <message>
        <source>yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day} at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breathe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where you are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let it go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your next session is on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day of session {n}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tomorrow at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a new journal entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the breathing exercise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When you log a ketamine session, Integrate plans a few short check-ins for the days after it: a tiny one on the day itself, then one each day for three days, and some between sessions. You can also plan upcoming sessions and therapy appointments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your next session is today at {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your next session is tomorrow at {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day {day} after session {n}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You let “{what}” go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before your first session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} days after session {n}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is due right now. That is fine: rest, or write in the journal whenever you like.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coming up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About {n} minutes · from {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {when}. You can still do it, or let it go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let {what} go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo letting {what} go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still want to do this one?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still want to do these?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tracking</name>
    <message>
        <source>not noted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 after-effects note (Sessions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strongly?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save after-effects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 7.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleep quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nightmare distress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save sleep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours slept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note about substances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which substance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name, if you want to be specific</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Substance name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 2 glasses of wine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the substance was taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add substance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medication name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 50 mg daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the medication changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add medication change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} after-effects notes (Sessions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove these after-effects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to save yet: choose a number or write a line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this night&apos;s entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept - saved when the current task finishes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a substance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Substance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a medication change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dose (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After-effects: {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the hours slept (a guess is fine).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing noted since the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the medication&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved ({when}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved for the night to {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the night to {day}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use my recovery code instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock with recovery code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock with the keyring instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal opens with the key kept in this computer&apos;s keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use my passphrase or recovery code instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your passphrase to open your journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the recovery code you saved when you set up Integrate. Spaces, dashes and upper or lower case do not matter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use my passphrase instead</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
