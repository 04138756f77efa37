import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { openDatabase } from '../store/database.js';
import { createLogger } from '../logger.js';
import { createCommuneRegistry } from '../communes/registry.js';
import { readCommuneSeeds } from '../communes/seed.js';
import { createStaffUser, USERNAME_HINT, USERNAME_PATTERN } from './accounts.js';
import { audit } from './audit.js';
import { PromptCancelled, promptHidden, readFirstLine } from './password-prompt.js';
import { ROLE_IDS, ROLES, type Role } from './roles.js';

const USAGE = [
  'Cách dùng: npm run cli -- users:create --username TEN --name "Họ tên" --roles admin|editor|approver|desk[,..] [--commune MA_XA]',
  'Mật khẩu được hỏi (không hiện khi gõ); khi chạy từ tập lệnh, đọc dòng đầu của stdin: ... < tep-mat-khau',
].join('\n');

const allowedRoles = () => ROLE_IDS.map((r) => `${r} (${ROLES[r]})`).join(', ');

/** Why the role list is not usable, in Vietnamese, listing the allowed roles; undefined when fine. */
export function rolesProblem(roles: string[]): string | undefined {
  if (roles.length === 0) return `Cần ít nhất một vai trò (--roles). Các vai trò được phép: ${allowedRoles()}.`;
  const unknown = roles.filter((r) => !(ROLE_IDS as string[]).includes(r));
  if (unknown.length === 0) return undefined;
  return `Vai trò không hợp lệ: ${unknown.map((r) => `"${r}"`).join(', ')}. Các vai trò được phép: ${allowedRoles()}.`;
}

async function askPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return readFirstLine(stdin);
  const first = await promptHidden('Mật khẩu: ', stdin, process.stderr);
  const again = await promptHidden('Nhập lại mật khẩu: ', stdin, process.stderr);
  if (first !== again) throw new AppError('invalid', 'Hai lần nhập mật khẩu không khớp, vui lòng chạy lại lệnh.');
  return first;
}

/**
 * `users:create --username an --name "Nguyễn An" --roles editor,desk`: the password is asked on
 * the terminal without echo, or read from the first line of stdin when that is not a terminal.
 * Never from the command line, where shell history and the process list would keep it.
 */
export async function usersCreateCommand(args: string[]): Promise<number> {
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (args.includes('--password')) {
    console.error('Không nhận mật khẩu trên dòng lệnh (lịch sử lệnh và danh sách tiến trình sẽ giữ nó). Hãy nhập khi được hỏi, hoặc: ... < tep-mat-khau');
    return 2;
  }
  const username = flag('username')?.trim();
  const roles = (flag('roles') ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  if (!username) {
    console.error(USAGE);
    return 2;
  }
  if (!USERNAME_PATTERN.test(username)) {
    console.error(USERNAME_HINT);
    return 2;
  }
  const problem = rolesProblem(roles);
  if (problem) {
    console.error(problem);
    return 2;
  }
  let password: string;
  try {
    password = await askPassword();
  } catch (err) {
    if (err instanceof PromptCancelled || err instanceof AppError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  if (!password) {
    console.error('Chưa nhập mật khẩu.');
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl);
  try {
    // The communes the content declares, as a server would register them (before its first start).
    await createCommuneRegistry({ db: database.db, log: createLogger('silent'), clock: () => new Date() }).seed(readCommuneSeeds(config.contentDir));
    // --commune: the account's commune (default the first); province_admin accounts belong to none.
    const commune = flag('commune');
    if (commune && !(await database.db.selectFrom('communes').select('id').where('id', '=', commune).executeTakeFirst())) {
      console.error(`Không có xã "${commune}" (xem: npm run cli -- communes:list).`);
      return 2;
    }
    const user = await createStaffUser(database.db, { username, displayName: flag('name') ?? username, password, roles: roles as Role[], communeId: commune }, new Date());
    await audit(database.db, null, 'user.create.cli', { type: 'staff_user', id: user.id }, new Date(), { roles: user.roles });
    console.log(`Đã tạo tài khoản ${user.username} (${user.roles.join(', ')}).`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error([err.message, ...Object.values(err.fields ?? {})].join('\n'));
    return 1;
  } finally {
    await database.close();
  }
}
