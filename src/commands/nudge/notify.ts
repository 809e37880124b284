import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { NotificationMessage } from '../../core/nudge-found.js';

/**
 * The desktop notification of a scheduled nudge, through the platform's own program: `notify-send`
 * (Linux and the BSDs, over the session bus), `osascript` (macOS), PowerShell (Windows). Loaded only
 * when a nudge notifies. Best effort: no program, no bus, a failure or a hang (killed after
 * NOTIFY_TIMEOUT_MS) shows nothing and changes nothing else. The text is data: it goes to the
 * program as an argument or an environment variable of its own, never through a shell or into the
 * text of a script.
 */

export const NOTIFY_TIMEOUT_MS = 5_000;

export interface NotifyDeps {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
}

/** Shows `message` where a desktop can show it; returns the program run, or undefined when none was. */
export function notify(message: NotificationMessage, deps: NotifyDeps): string | undefined {
  const call = notifierCall(message, deps);
  if (!call) return undefined;
  try {
    spawnSync(call.program, call.args, { env: call.env, stdio: 'ignore', timeout: NOTIFY_TIMEOUT_MS, killSignal: 'SIGKILL', windowsHide: true });
  } catch {
    // A notification is a courtesy: whatever goes wrong, the nudge has already printed what is due.
  }
  return call.program;
}

export interface NotifierCall {
  program: string;
  args: string[];
  env: Record<string, string | undefined>;
}

/** The program to run and its arguments and environment, or undefined when no desktop can be reached. */
export function notifierCall(message: NotificationMessage, { env, platform }: NotifyDeps): NotifierCall | undefined {
  if (platform === 'darwin') {
    // The title goes first: it always starts with "mtl", so osascript's option parsing stops before
    // the text, which may start with a dash.
    const script = ['on run argv', 'display notification (item 2 of argv) with title (item 1 of argv)', 'end run'];
    return { program: 'osascript', args: [...script.flatMap((line) => ['-e', line]), message.title, message.body], env };
  }
  if (platform === 'win32') {
    return { program: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', WINDOWS_TOAST], env: { ...env, MTL_NOTIFY_TITLE: message.title, MTL_NOTIFY_TEXT: message.body } };
  }
  const bus = sessionBus(env);
  if (!bus) return undefined;
  // Notification servers read the body as markup (GNOME, KDE, dunst, mako): "<note>" or "&" in the
  // text would be taken for tags. `--` ends the options, so a text starting with a dash stays text.
  return { program: 'notify-send', args: ['--app-name=mtl', '--', message.title, markupEscaped(message.body)], env: { ...env, DBUS_SESSION_BUS_ADDRESS: bus } };
}

/**
 * The session bus address: the environment's, else the user's bus socket at `/run/user/<uid>/bus`
 * (where systemd puts it; cron's environment does not name it). MTL_NOTIFY_BUS replaces that path
 * (tests; a bus elsewhere). Undefined when there is no socket there: no desktop session to notify.
 */
export function sessionBus(env: Record<string, string | undefined>): string | undefined {
  if (env.DBUS_SESSION_BUS_ADDRESS) return env.DBUS_SESSION_BUS_ADDRESS;
  let socket = env.MTL_NOTIFY_BUS;
  if (!socket) {
    try {
      socket = `/run/user/${os.userInfo().uid}/bus`;
    } catch {
      return undefined; // no entry for this user in the password database
    }
  }
  try {
    if (!fs.statSync(socket).isSocket()) return undefined;
  } catch {
    return undefined;
  }
  return `unix:path=${busEscaped(socket)}`;
}

/** A D-Bus address value: bytes other than [-0-9A-Za-z_/.\*] written as %XX. */
function busEscaped(value: string): string {
  return [...Buffer.from(value)].map((b) => (/[-0-9A-Za-z_/.\\*]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');
}

function markupEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A toast through the Windows Runtime, with PowerShell's own app id (one Windows knows, so the toast
 * shows). The title and text come from the environment and become XML text nodes: never code, never
 * markup.
 */
const WINDOWS_TOAST = [
  "$ErrorActionPreference = 'Stop'",
  '[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] | Out-Null',
  '$xml = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02)',
  "$texts = $xml.GetElementsByTagName('text')",
  '$texts.Item(0).AppendChild($xml.CreateTextNode($env:MTL_NOTIFY_TITLE)) | Out-Null',
  '$texts.Item(1).AppendChild($xml.CreateTextNode($env:MTL_NOTIFY_TEXT)) | Out-Null',
  "$app = '{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\\WindowsPowerShell\\v1.0\\powershell.exe'",
  '[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier($app).Show([Windows.UI.Notifications.ToastNotification]::new($xml))',
].join('; ');
