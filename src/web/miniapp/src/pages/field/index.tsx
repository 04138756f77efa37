import { useState } from 'react';
import { useParams } from 'zmp-ui';
import { Empty, ErrorNotice, Loading } from '../../components/common/status';
import { Screen } from '../../components/layout/screen';
import { ProcedureResults } from '../../components/procedure/procedure-results';
import { SearchBox } from '../../components/procedure/search-box';
import { useProcedureSearch } from '../../components/procedure/use-procedure-search';
import { useCommune } from '../../hooks/use-commune';
import type { FieldId } from '../../services/types';

/** The procedures of one field, with a search limited to it. */
export default function FieldPage() {
  const { field } = useParams() as { field: FieldId };
  const [q, setQ] = useState('');
  const commune = useCommune();
  const label = commune.data?.fields.find((f) => f.id === field)?.label ?? 'Lĩnh vực';
  const search = useProcedureSearch(q, field);
  return (
    <Screen title={label} back>
      <SearchBox value={q} onChange={setQ} placeholder={`Tìm trong ${label.toLowerCase()}`} />
      {search.error ? <ErrorNotice error={search.error} /> : null}
      {search.items && search.items.length > 0 && <ProcedureResults items={search.items} grouped={false} />}
      {search.items && search.items.length === 0 && !search.loading && <Empty>Không có thủ tục phù hợp trong lĩnh vực này.</Empty>}
      {search.loading && !search.items && <Loading />}
    </Screen>
  );
}
