import { HomeButton, HotlineAction } from '../components/common/status';
import { Screen } from '../components/layout/screen';

/** An address the app does not have (an old or mistyped link): say so, offer the hotline and home. */
export default function NotFoundPage() {
  return (
    <Screen title="Không tìm thấy trang" back>
      <div className="status status-empty" data-testid="not-found">
        <p>Không tìm thấy trang này. Đường link có thể đã cũ hoặc bị gõ sai.</p>
        <p>Ông/bà về trang chủ để tra cứu thủ tục, hoặc gọi đường dây nóng để được hướng dẫn.</p>
        <HotlineAction />
        <HomeButton />
      </div>
    </Screen>
  );
}
