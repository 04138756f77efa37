import { useEffect, useState } from 'react';
import { Button, useNavigate, useSearchParams } from 'zmp-ui';
import { Empty, ErrorNotice, Loading } from '../../components/common/status';
import { Screen } from '../../components/layout/screen';
import { useCommune } from '../../hooks/use-commune';
import { api, isAbort } from '../../services/api';
import type { OldCommune } from '../../services/types';

/**
 * "Xã của tôi": residents still know the commune they lived in before the 2025 arrangement. They
 * type its name (marks optional), see which commune it is part of now, and choose it when this
 * assistant serves that commune.
 */
export default function CommunePickerPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const navigate = useNavigate();
  const commune = useCommune();
  const [items, setItems] = useState<OldCommune[]>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!q.trim()) {
      setItems(undefined);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      setError(undefined);
      api
        .oldCommunes(q, ctrl.signal)
        .then((r) => setItems(r.items))
        .catch((err: unknown) => {
          if (!isAbort(err)) setError(err);
        })
        .finally(() => {
          if (!ctrl.signal.aborted) setLoading(false);
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q]);

  const choose = async (id: string) => {
    await commune.choose(id);
    navigate('/');
  };

  return (
    <Screen title="Xã của tôi" back>
      <p className="lead">Gõ tên xã, phường, thị trấn nơi ông/bà ở trước ngày 01/7/2025 để biết nay thuộc xã, phường nào.</p>
      <label className="field">
        <span className="field-label">Tên xã, phường cũ</span>
        <input type="search" placeholder="Ví dụ: Tân Dân, Quốc Tuấn" value={q} onChange={(e) => setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })} />
      </label>
      {error ? <ErrorNotice error={error} /> : null}
      {loading && !items && <Loading text="Đang tìm…" />}
      {items && items.length === 0 && !loading && <Empty>Chưa tìm thấy xã, phường cũ tên “{q.trim()}”. Ông/bà thử gõ cách khác, không cần dấu.</Empty>}
      {items && items.length > 0 && (
        <ul className="list" data-testid="old-communes">
          {items.map((old) => (
            <li key={`${old.unit}|${old.district}`} className="old-commune">
              <div className="list-row-text">
                <span>
                  {old.unit} ({old.district}, {old.province})
                </span>
                {old.now.map((n) => (
                  <span key={n.unit} className="list-row-sub">
                    Nay {n.share === 'mot_phan' ? 'một phần thuộc' : 'thuộc'} {n.unit}
                  </span>
                ))}
              </div>
              {old.now
                .filter((n) => n.commune)
                .map((n) => (
                  <Button key={n.commune!.id} onClick={() => void choose(n.commune!.id)}>
                    Chọn {n.unit}
                  </Button>
                ))}
            </li>
          ))}
        </ul>
      )}
      {items && items.length > 0 && <p className="list-row-sub">Căn cứ: {items[0]!.source}.</p>}
    </Screen>
  );
}
